package dev.flowvox.core.synth;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.SpectralDenoiser;

/**
 * NVIDIA WaveGlow's denoiser for a model: the model's output for an all-zero log-mel at sigma 0 is its
 * "bias" sound; the magnitude of that audio's first STFT frame is subtracted (times a strength) from
 * the spectrum of everything the model synthesizes.
 */
public final class BiasDenoiser {

    /** Frames of the all-zero mel NVIDIA synthesizes for the bias. */
    private static final int BIAS_FRAMES = 88;

    private BiasDenoiser() {
    }

    /**
     * Measures a model's bias and builds its denoiser.
     *
     * @param synthesizer the model
     * @param mel its mel settings (bands and STFT framing)
     * @return the denoiser; apply with {@link SpectralDenoiser#denoise(float[], double)}
     */
    public static SpectralDenoiser of(Synthesizer synthesizer, MelConfig mel) {
        float[] bias = synthesizer.synthesize(new float[mel.nMels()][BIAS_FRAMES], 0.0, 0);
        return SpectralDenoiser.fromBiasAudio(mel.stft(), bias);
    }
}
