// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * NVIDIA WaveGlow's denoiser: subtracts a fixed bias magnitude spectrum (the vocoder's output for
 * an all-zero mel, which carries its characteristic hiss and tones) from every STFT frame,
 * {@code |Y| = max(|X| - strength · bias, 0)}, keeps the phase of X, and resynthesises with
 * {@link InverseStft}. The output has the input's length.
 *
 * <p>Not thread-safe: an instance owns its STFT buffers.
 */
public final class SpectralDenoiser {
    private final Stft stft;
    private final InverseStft inverseStft;
    private final float[] bias;

    /**
     * @param config the STFT framing; NVIDIA uses {@code new StftConfig(1024, 256, 1024)}
     * @param bias {@code fftSize/2 + 1} non-negative magnitudes; copied
     */
    public SpectralDenoiser(StftConfig config, float[] bias) {
        if (bias.length != config.bins()) {
            throw new IllegalArgumentException("bias of " + bias.length + " bins; expected "
                    + config.bins() + " for FFT size " + config.fftSize());
        }
        this.stft = new Stft(config);
        this.inverseStft = new InverseStft(config);
        this.bias = bias.clone();
    }

    /**
     * Takes the bias as NVIDIA does: the magnitude of STFT frame 0 of the vocoder's output for an
     * all-zero mel.
     *
     * @param config the STFT framing
     * @param biasAudio the vocoder's output for a zero mel, non-empty
     * @return a denoiser with that bias
     */
    public static SpectralDenoiser fromBiasAudio(StftConfig config, float[] biasAudio) {
        float[][] magnitude = new Stft(config).magnitude(biasAudio);
        float[] bias = new float[magnitude.length];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = magnitude[k][0];
        }
        return new SpectralDenoiser(config, bias);
    }

    /**
     * @param audio the signal to clean, non-empty
     * @param strength multiple of the bias to subtract, >= 0 (NVIDIA's default is 0.1)
     * @return the denoised signal, {@code audio.length} samples
     */
    public float[] denoise(float[] audio, double strength) {
        if (!(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("strength " + strength + "; expected a finite value >= 0");
        }
        ComplexSpectrogram spectrogram = stft.complex(audio);
        float[][] real = spectrogram.real();
        float[][] imag = spectrogram.imag();
        for (int k = 0; k < real.length; k++) {
            double subtract = strength * bias[k];
            for (int t = 0; t < real[k].length; t++) {
                double magnitude = Math.hypot(real[k][t], imag[k][t]);
                double gain = magnitude > 0 ? Math.max(magnitude - subtract, 0) / magnitude : 0;
                real[k][t] *= (float) gain;
                imag[k][t] *= (float) gain;
            }
        }
        return inverseStft.inverse(spectrogram, audio.length);
    }
}
