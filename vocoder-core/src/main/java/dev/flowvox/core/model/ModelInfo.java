// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.FlowConfig;

/**
 * Everything about a model but its weights.
 *
 * @param flow shape of the flow
 * @param mel the mel spectrogram the model is conditioned on (also gives the audio rate)
 * @param trainingSigma standard deviation of the latent prior in training (WaveGlow: 1.0); scoring
 *     uses it
 * @param provenance where the model came from
 */
public record ModelInfo(FlowConfig flow, MelConfig mel, double trainingSigma, Provenance provenance) {

    /** Checks that the flow and the mel agree. */
    public ModelInfo {
        if (flow == null || mel == null || provenance == null) {
            throw new IllegalArgumentException("flow, mel and provenance are required");
        }
        if (flow.nMelChannels() != mel.nMels()) {
            throw new IllegalArgumentException("the flow expects " + flow.nMelChannels() + " mel bands but the mel has "
                    + mel.nMels());
        }
        if (flow.hopLength() != mel.hopLength()) {
            throw new IllegalArgumentException("the flow's hop is " + flow.hopLength() + " samples but the mel's is "
                    + mel.hopLength());
        }
        if (!(trainingSigma > 0) || Double.isInfinite(trainingSigma)) {
            throw new IllegalArgumentException("training sigma must be finite and > 0, got " + trainingSigma);
        }
    }

    /** Audio rate (Hz). */
    public int sampleRate() {
        return mel.sampleRate();
    }
}
