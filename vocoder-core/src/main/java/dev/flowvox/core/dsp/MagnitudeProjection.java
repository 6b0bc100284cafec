// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * One Griffin-Lim step from a given signal: every frame of its STFT (as {@link Stft}: centred,
 * reflect padding) gets the target magnitude in every bin and keeps its phase, and the frames are
 * overlap-added back (as {@link InverseStft}), one frame at a time without holding the spectrogram.
 * The same as {@code inverseStft.inverse(scaled(stft.complex(x)), x.length)} up to float round-off,
 * in about half the time.
 *
 * <p>Not thread-safe: an instance owns its FFT and frame buffers.
 */
public final class MagnitudeProjection {
    private final StftConfig config;
    private final double[] window;
    private final RealFft fft;
    private final double[] frame;
    private final double[] re;
    private final double[] im;

    /**
     * @param config the STFT framing the targets belong to
     */
    public MagnitudeProjection(StftConfig config) {
        this.config = config;
        this.window = config.window();
        this.fft = new RealFft(config.fftSize());
        this.frame = new double[config.fftSize()];
        this.re = new double[config.bins()];
        this.im = new double[config.bins()];
    }

    /**
     * @param audio the signal, non-empty
     * @param targets {@code [fftSize/2 + 1][columns]} magnitudes for the signal's first {@code columns}
     *     frames (frame t centred on sample {@code t · hop}); later frames keep their own
     * @return the projected signal, {@code audio.length} samples
     */
    public float[] project(float[] audio, float[][] targets) {
        if (targets.length != config.bins()) {
            throw new IllegalArgumentException(targets.length + " target bins; expected " + config.bins());
        }
        if (audio.length == 0) {
            throw new IllegalArgumentException("empty signal; expected at least 1 sample to project");
        }
        int frames = config.frames(audio.length);
        int columns = Math.min(frames, targets[0].length);
        int hop = config.hopLength();
        int size = config.fftSize();
        int padding = config.padding();
        double[] sum = new double[size + hop * (frames - 1)];
        double[] windowSum = new double[sum.length];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - padding;
            for (int n = 0; n < size; n++) {
                frame[n] = window[n] == 0 ? 0 : window[n] * audio[Stft.reflect(start + n, audio.length)];
            }
            fft.forward(frame, re, im);
            if (t < columns) {
                for (int k = 0; k < re.length; k++) {
                    double magnitude = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
                    double scale = magnitude > 0 ? targets[k][t] / magnitude : 0;
                    re[k] *= scale;
                    im[k] *= scale;
                }
            }
            fft.inverse(re, im, frame);
            int offset = t * hop;
            for (int n = 0; n < size; n++) {
                sum[offset + n] += frame[n] * window[n];
                windowSum[offset + n] += window[n] * window[n];
            }
        }
        float[] output = new float[audio.length];
        for (int i = 0; i < output.length && padding + i < sum.length; i++) {
            double norm = windowSum[padding + i];
            output[i] = (float) (norm > Float.MIN_NORMAL ? sum[padding + i] / norm : sum[padding + i]);
        }
        return output;
    }
}
