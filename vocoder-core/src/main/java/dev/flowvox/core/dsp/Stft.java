// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Centred short-time Fourier transform as librosa's {@code stft(center=True, pad_mode="reflect")}
 * and NVIDIA Tacotron2's STFT: see {@link StftConfig} for the framing. Computed in double
 * precision, returned as float.
 *
 * <p>Padding follows numpy's {@code pad(mode="reflect")}, which librosa uses: the signal is
 * mirrored about its end samples, repeatedly if it is shorter than the padding, so any non-empty
 * signal works (a one-sample signal pads by repetition). PyTorch's reflect padding, used by
 * NVIDIA's training code, instead rejects signals of {@code fftSize / 2} samples or fewer; both
 * agree on longer signals.
 *
 * <p>Not thread-safe: an instance owns its FFT and frame buffers, allocated once.
 */
public final class Stft {
    private final StftConfig config;
    private final double[] window;
    private final RealFft fft;
    private final double[] frame;
    private final double[] re;
    private final double[] im;

    /**
     * @param config FFT size, hop and window length
     */
    public Stft(StftConfig config) {
        this.config = config;
        this.window = config.window();
        this.fft = new RealFft(config.fftSize());
        this.frame = new double[config.fftSize()];
        this.re = new double[config.bins()];
        this.im = new double[config.bins()];
    }

    /** @return the framing this transform uses */
    public StftConfig config() {
        return config;
    }

    /**
     * @param audio the signal, at least one sample
     * @return the complex spectrogram, {@code [fftSize/2 + 1][1 + audio.length / hop]}
     */
    public ComplexSpectrogram complex(float[] audio) {
        int frames = checkedFrames(audio);
        float[][] real = new float[config.bins()][frames];
        float[][] imag = new float[config.bins()][frames];
        for (int t = 0; t < frames; t++) {
            transformFrame(audio, t, re, im);
            for (int k = 0; k < re.length; k++) {
                real[k][t] = (float) re[k];
                imag[k][t] = (float) im[k];
            }
        }
        return new ComplexSpectrogram(real, imag);
    }

    /**
     * @param audio the signal, at least one sample
     * @return magnitudes {@code |X|} (not power), {@code [fftSize/2 + 1][1 + audio.length / hop]}
     */
    public float[][] magnitude(float[] audio) {
        int frames = checkedFrames(audio);
        float[][] magnitude = new float[config.bins()][frames];
        double[] column = new double[config.bins()];
        for (int t = 0; t < frames; t++) {
            magnitudeFrame(audio, t, column);
            for (int k = 0; k < column.length; k++) {
                magnitude[k][t] = (float) column[k];
            }
        }
        return magnitude;
    }

    /**
     * Magnitudes of one frame, for callers that reduce each frame at once (the mel spectrogram).
     *
     * @param audio the signal, non-empty
     * @param frameIndex the frame, in [0, 1 + audio.length / hop)
     * @param magnitude receives {@code fftSize/2 + 1} magnitudes
     */
    void magnitudeFrame(float[] audio, int frameIndex, double[] magnitude) {
        transformFrame(audio, frameIndex, re, im);
        for (int k = 0; k < magnitude.length; k++) {
            magnitude[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
        }
    }

    /**
     * The spectrum of one frame, for callers that change it frame by frame ({@link MagnitudeProjection}).
     *
     * @param audio the signal, non-empty
     * @param frameIndex the frame, in [0, 1 + audio.length / hop)
     * @param outRe receives Re X[k], k in [0, fftSize/2]
     * @param outIm receives Im X[k]
     */
    void transformFrame(float[] audio, int frameIndex, double[] outRe, double[] outIm) {
        int start = frameIndex * config.hopLength() - config.padding();
        for (int n = 0; n < frame.length; n++) {
            frame[n] = window[n] == 0 ? 0 : window[n] * audio[reflect(start + n, audio.length)];
        }
        fft.forward(frame, outRe, outIm);
    }

    /**
     * @param audio the signal
     * @return its frame count
     * @throws IllegalArgumentException if the signal is empty
     */
    int checkedFrames(float[] audio) {
        if (audio.length == 0) {
            throw new IllegalArgumentException("empty signal; expected at least 1 sample to analyse");
        }
        return config.frames(audio.length);
    }

    /**
     * @param index a position relative to the signal start, possibly outside it
     * @param length the signal length, at least 1
     * @return the sample index numpy's reflect padding reads for {@code index}
     */
    static int reflect(int index, int length) {
        if (index >= 0 && index < length) {
            return index;
        }
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int folded = Math.floorMod(index, period);
        return folded < length ? folded : period - folded;
    }
}
