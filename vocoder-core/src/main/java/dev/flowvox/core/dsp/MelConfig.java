// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Parameters of the log-mel spectrogram the vocoder is conditioned on.
 *
 * @param sampleRate audio rate, Hz, positive
 * @param filterLength FFT size in samples, a power of two; also the centring pad is half of it
 * @param hopLength frame advance in samples
 * @param winLength periodic Hann window length in samples, at most {@code filterLength}
 * @param nMels mel bands, at least 1
 * @param fMin lowest filter edge, Hz, in [0, fMax)
 * @param fMax highest filter edge, Hz, at most {@code sampleRate / 2}
 * @param logFloor magnitudes are clamped to at least this before the natural log, positive
 */
public record MelConfig(int sampleRate, int filterLength, int hopLength, int winLength, int nMels,
        double fMin, double fMax, double logFloor) {

    /** Validates every parameter; the framing is validated by {@link StftConfig}. */
    public MelConfig {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz; expected > 0");
        }
        new StftConfig(filterLength, hopLength, winLength);
        if (nMels < 1) {
            throw new IllegalArgumentException(nMels + " mel bands; expected >= 1");
        }
        if (!(fMin >= 0 && fMin < fMax)) {
            throw new IllegalArgumentException("fMin " + fMin + " Hz; expected 0 <= fMin < fMax (" + fMax + ")");
        }
        if (fMax > sampleRate / 2.0) {
            throw new IllegalArgumentException("fMax " + fMax + " Hz; expected <= the Nyquist frequency "
                    + sampleRate / 2.0 + " Hz");
        }
        if (!(logFloor > 0) || Double.isInfinite(logFloor)) {
            throw new IllegalArgumentException("log floor " + logFloor + "; expected a finite value > 0");
        }
    }

    /**
     * @return NVIDIA Tacotron2/WaveGlow's configuration: 22050 Hz, filter 1024, hop 256, window
     *     1024, 80 bands over 0..8000 Hz, log floor 1e-5
     */
    public static MelConfig nvidia22050() {
        return new MelConfig(22050, 1024, 256, 1024, 80, 0.0, 8000.0, 1e-5);
    }

    /** @return the STFT framing: FFT {@code filterLength}, {@code hopLength}, {@code winLength} */
    public StftConfig stft() {
        return new StftConfig(filterLength, hopLength, winLength);
    }

    /**
     * @param samples audio length in samples
     * @return mel frames, {@code 1 + samples / hopLength}
     */
    public int frames(int samples) {
        return 1 + samples / hopLength;
    }
}
