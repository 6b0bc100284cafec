// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/**
 * Settings of the flow's long-term (pitch) predictor, {@link PitchPredictor}: in frames the mel
 * shows to be voiced, each sample is predicted from the sample one period earlier with this gain.
 *
 * @param voicedGain prediction gain in voiced frames, in [0, 1); 0 turns the predictor off
 * @param threshold YIN threshold of the mel pitch estimate that decides voicing, in (0, 1)
 */
public record PitchPrediction(double voicedGain, double threshold) {

    /** No prediction: the flow models the audio itself (NVIDIA's WaveGlow, the older flowvox flows). */
    public static final PitchPrediction OFF = new PitchPrediction(0, 0.1);

    /** The shipped spectral flow's setting. */
    public static final PitchPrediction SPEECH = new PitchPrediction(0.95, 0.1);

    /** Validates the ranges. */
    public PitchPrediction {
        if (!(voicedGain >= 0 && voicedGain < 1)) {
            throw new IllegalArgumentException("pitch prediction gain " + voicedGain + "; expected in [0, 1)");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("pitch prediction threshold " + threshold + "; expected in (0, 1)");
        }
    }

    /** Whether any sample is predicted. */
    public boolean enabled() {
        return voicedGain > 0;
    }
}
