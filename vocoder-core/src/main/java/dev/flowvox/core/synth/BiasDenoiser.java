// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;

import java.util.Arrays;

/**
 * NVIDIA WaveGlow's denoiser for a model: the model's output at sigma 0 for a constant reference
 * log-mel is its "bias" sound; the magnitude of that audio's first STFT frame is subtracted (times a
 * strength) from the spectrum of everything the model synthesizes.
 *
 * <p>The reference mel ({@link #referenceLevel}) is NVIDIA's all-zero mel for NVIDIA's layout (mel
 * upsampled per sample), so imported checkpoints denoise exactly as NVIDIA's script does. Flows
 * conditioned at frame rate (flowvox's compact and spectral flows) scale their output with the mel:
 * for a zero mel, which is louder than any speech (natural log of a magnitude of 1 in every band),
 * they output a sound louder than speech (RMS 0.72 for the shipped spectral flow, against 0.13 for
 * a loud speech clip), and subtracting even 5% of it removed most of the speech (log-spectral
 * distance 7.9 → 13.2 dB). For them the reference is the mel's floor, silence: what they output
 * when the mel asks for nothing is the sound they add on their own.
 */
public final class BiasDenoiser {

    /** Frames of the reference mel NVIDIA synthesizes for the bias. */
    private static final int BIAS_FRAMES = 88;

    private BiasDenoiser() {
    }

    /**
     * Measures a model's bias and builds its denoiser.
     *
     * @param synthesizer the model
     * @param flow its flow's shape, which picks the reference mel
     * @param mel its mel settings (bands, floor and STFT framing)
     * @return the denoiser; apply with {@link SpectralDenoiser#denoise(float[], double)}
     */
    public static SpectralDenoiser of(Synthesizer synthesizer, FlowConfig flow, MelConfig mel) {
        return SpectralDenoiser.fromBiasAudio(mel.stft(), biasAudio(synthesizer, flow, mel));
    }

    /**
     * The model's bias sound, for denoisers made with {@link SpectralDenoiser#fromBiasAudio}: one short
     * synthesis, deterministic, so it can be measured once and shared.
     *
     * @param synthesizer the model
     * @param flow its flow's shape, which picks the reference mel
     * @param mel its mel settings
     * @return the synthesis of the reference mel at sigma 0, without refinement (which would give it
     *     the silent mel's magnitudes instead of the flow's own sound)
     */
    public static float[] biasAudio(Synthesizer synthesizer, FlowConfig flow, MelConfig mel) {
        float[][] reference = new float[mel.nMels()][BIAS_FRAMES];
        float level = referenceLevel(flow, mel);
        for (float[] band : reference) {
            Arrays.fill(band, level);
        }
        return synthesizer.withRefinement(0).synthesize(reference, 0.0, 0);
    }

    /**
     * The constant log-mel whose synthesis is the bias.
     *
     * @param flow the flow's shape
     * @param mel the mel settings
     * @return 0 (NVIDIA's choice) for {@link Conditioning#UPSAMPLED}, else {@code ln(logFloor)}
     */
    public static float referenceLevel(FlowConfig flow, MelConfig mel) {
        return flow.conditioning() == Conditioning.UPSAMPLED ? 0f : (float) Math.log(mel.logFloor());
    }
}
