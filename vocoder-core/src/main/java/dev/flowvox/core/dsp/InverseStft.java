// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Inverse of {@link Stft}, as librosa's {@code istft(center=True)}: each frame is inverse-FFT'd,
 * multiplied by the analysis window and overlap-added; the sum is divided by the overlap-added
 * squared window wherever that exceeds {@link Float#MIN_NORMAL}; the {@code fftSize / 2} centring
 * pad is dropped from the start. For an STFT of any non-empty signal x,
 * {@code inverse(stft.complex(x), x.length)} reproduces x to float round-off, ends included.
 *
 * <p>Not thread-safe: an instance owns its FFT and frame buffers.
 */
public final class InverseStft {
    private final StftConfig config;
    private final double[] window;
    private final RealFft fft;
    private final double[] re;
    private final double[] im;
    private final double[] frame;

    /**
     * @param config the framing the spectrogram was analysed with
     */
    public InverseStft(StftConfig config) {
        this.config = config;
        this.window = config.window();
        this.fft = new RealFft(config.fftSize());
        this.re = new double[config.bins()];
        this.im = new double[config.bins()];
        this.frame = new double[config.fftSize()];
    }

    /** @return the framing */
    public StftConfig config() {
        return config;
    }

    /**
     * @param spectrogram {@code [fftSize/2 + 1][frames]}
     * @param length output samples; NVIDIA's convention for a mel of F frames is
     *     {@code (F - 1) · hop}; samples past the last frame's reach are zero
     * @return the signal, {@code length} samples
     */
    public float[] inverse(ComplexSpectrogram spectrogram, int length) {
        if (spectrogram.bins() != config.bins()) {
            throw new IllegalArgumentException(spectrogram.bins() + " bins; expected " + config.bins()
                    + " for FFT size " + config.fftSize());
        }
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + "; expected >= 0");
        }
        int frames = spectrogram.frames();
        int hop = config.hopLength();
        int padded = config.fftSize() + hop * (frames - 1);
        double[] sum = new double[padded];
        double[] windowSum = new double[padded];
        float[][] real = spectrogram.real();
        float[][] imag = spectrogram.imag();
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < re.length; k++) {
                re[k] = real[k][t];
                im[k] = imag[k][t];
            }
            fft.inverse(re, im, frame);
            int start = t * hop;
            for (int n = 0; n < frame.length; n++) {
                sum[start + n] += frame[n] * window[n];
                windowSum[start + n] += window[n] * window[n];
            }
        }
        float[] output = new float[length];
        int offset = config.padding();
        for (int i = 0; i < length && offset + i < padded; i++) {
            double norm = windowSum[offset + i];
            output[i] = (float) (norm > Float.MIN_NORMAL ? sum[offset + i] / norm : sum[offset + i]);
        }
        return output;
    }
}
