// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Framing of a centred short-time Fourier transform: the signal is reflect-padded by
 * {@code fftSize / 2} on both sides, frame t starts at padded sample {@code t · hopLength}, and is
 * multiplied by a periodic Hann window of {@code winLength} zero-padded centrally to
 * {@code fftSize} (librosa's {@code pad_center}).
 *
 * @param fftSize FFT size in samples, a power of two, at least 2
 * @param hopLength frame advance in samples, at least 1
 * @param winLength window length in samples, in [1, fftSize]
 */
public record StftConfig(int fftSize, int hopLength, int winLength) {

    /** Validates sizes. */
    public StftConfig {
        if (fftSize < 2 || Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("FFT size " + fftSize + "; expected a power of two >= 2");
        }
        if (hopLength < 1) {
            throw new IllegalArgumentException("hop length " + hopLength + "; expected >= 1");
        }
        if (winLength < 1 || winLength > fftSize) {
            throw new IllegalArgumentException("window length " + winLength + "; expected 1.." + fftSize
                    + " (the FFT size)");
        }
    }

    /** @return frequency bins of the one-sided spectrum, {@code fftSize / 2 + 1} */
    public int bins() {
        return fftSize / 2 + 1;
    }

    /** @return reflect padding on each side, samples: {@code fftSize / 2} */
    public int padding() {
        return fftSize / 2;
    }

    /**
     * @param samples signal length in samples
     * @return frames of the centred STFT, {@code 1 + samples / hopLength}
     */
    public int frames(int samples) {
        return 1 + samples / hopLength;
    }

    /**
     * @return the analysis window, {@code fftSize} long: {@code 0.5 - 0.5 cos(2πn / winLength)} for
     *     n in [0, winLength), placed at offset {@code (fftSize - winLength) / 2}, zeros elsewhere
     */
    public double[] window() {
        double[] window = new double[fftSize];
        int offset = (fftSize - winLength) / 2;
        for (int n = 0; n < winLength; n++) {
            window[offset + n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / winLength);
        }
        return window;
    }
}
