// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * A one-sided complex STFT, bin-major like librosa: {@code real[k][t] + i·imag[k][t]} is bin k
 * (frequency {@code k · rate / fftSize} Hz) of frame t. The arrays are not copied.
 *
 * @param real {@code [bins][frames]} real parts
 * @param imag {@code [bins][frames]} imaginary parts, same shape
 */
public record ComplexSpectrogram(float[][] real, float[][] imag) {

    /** Validates that both parts are rectangular and of the same shape. */
    public ComplexSpectrogram {
        if (real == null || imag == null || real.length == 0 || real.length != imag.length) {
            throw new IllegalArgumentException("real and imag must be non-empty with equal bin counts");
        }
        int frames = real[0].length;
        for (int k = 0; k < real.length; k++) {
            if (real[k].length != frames || imag[k].length != frames) {
                throw new IllegalArgumentException("bin " + k + " has " + real[k].length + " real and "
                        + imag[k].length + " imaginary frames; expected " + frames);
            }
        }
    }

    /** @return the number of frequency bins, {@code fftSize / 2 + 1} */
    public int bins() {
        return real.length;
    }

    /** @return the number of frames */
    public int frames() {
        return real[0].length;
    }

    /** @return {@code [bins][frames]} magnitudes {@code |X|} */
    public float[][] magnitude() {
        float[][] magnitude = new float[bins()][frames()];
        for (int k = 0; k < bins(); k++) {
            for (int t = 0; t < frames(); t++) {
                magnitude[k][t] = (float) Math.hypot(real[k][t], imag[k][t]);
            }
        }
        return magnitude;
    }

    /** @return {@code [bins][frames]} phases {@code arg X} in radians, (-π, π] */
    public float[][] phase() {
        float[][] phase = new float[bins()][frames()];
        for (int k = 0; k < bins(); k++) {
            for (int t = 0; t < frames(); t++) {
                phase[k][t] = (float) Math.atan2(imag[k][t], real[k][t]);
            }
        }
        return phase;
    }

    /**
     * @param magnitude {@code [bins][frames]} non-negative magnitudes
     * @param phase {@code [bins][frames]} phases in radians
     * @return {@code magnitude · e^{i·phase}}
     */
    public static ComplexSpectrogram fromPolar(float[][] magnitude, float[][] phase) {
        float[][] real = new float[magnitude.length][];
        float[][] imag = new float[magnitude.length][];
        for (int k = 0; k < magnitude.length; k++) {
            int frames = magnitude[k].length;
            if (phase[k].length != frames) {
                throw new IllegalArgumentException("phase bin " + k + " has " + phase[k].length
                        + " frames; expected " + frames + " like the magnitude");
            }
            real[k] = new float[frames];
            imag[k] = new float[frames];
            for (int t = 0; t < frames; t++) {
                real[k][t] = (float) (magnitude[k][t] * Math.cos(phase[k][t]));
                imag[k][t] = (float) (magnitude[k][t] * Math.sin(phase[k][t]));
            }
        }
        return new ComplexSpectrogram(real, imag);
    }
}
