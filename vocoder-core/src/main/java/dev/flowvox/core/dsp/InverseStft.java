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
        OverlapAdd overlapAdd = overlapAdd(frames);
        float[][] real = spectrogram.real();
        float[][] imag = spectrogram.imag();
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < re.length; k++) {
                re[k] = real[k][t];
                im[k] = imag[k][t];
            }
            overlapAdd.add(re, im, t);
        }
        return overlapAdd.result(length);
    }

    /**
     * The resynthesis of a signal whose frames arrive one at a time ({@link MagnitudeProjection}
     * scales each frame's spectrum on the way through).
     *
     * @param frames frames of the signal
     * @return empty buffers for that many frames
     */
    OverlapAdd overlapAdd(int frames) {
        return new OverlapAdd(config.fftSize() + config.hopLength() * (frames - 1));
    }

    /** The windowed overlap-add of a signal's frames and the squared window it is divided by. */
    final class OverlapAdd {
        private final double[] sum;
        private final double[] windowSum;

        private OverlapAdd(int padded) {
            this.sum = new double[padded];
            this.windowSum = new double[padded];
        }

        /**
         * Adds the inverse FFT of frame t, windowed.
         *
         * @param frameRe Re X[k] of the frame, k in [0, fftSize/2]; not modified
         * @param frameIm Im X[k] of the frame; not modified
         * @param t the frame's index
         */
        void add(double[] frameRe, double[] frameIm, int t) {
            fft.inverse(frameRe, frameIm, frame);
            int start = t * config.hopLength();
            for (int n = 0; n < frame.length; n++) {
                sum[start + n] += frame[n] * window[n];
                windowSum[start + n] += window[n] * window[n];
            }
        }

        /**
         * @param length output samples
         * @return the sum divided by the squared window where that exceeds {@link Float#MIN_NORMAL},
         *     without the centring pad
         */
        float[] result(int length) {
            float[] output = new float[length];
            int offset = config.padding();
            for (int i = 0; i < length && offset + i < sum.length; i++) {
                double norm = windowSum[offset + i];
                output[i] = (float) (norm > Float.MIN_NORMAL ? sum[offset + i] / norm : sum[offset + i]);
            }
            return output;
        }
    }
}
