// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.Arrays;

/**
 * Triangular mel filters as librosa's {@code filters.mel(htk=False, norm="slaney")}: band m rises
 * from mel edge m to edge m+1 and falls to edge m+2, with {@code nMels + 2} edges equally spaced on
 * the {@link MelScale} between fMin and fMax; each band is scaled by {@code 2 / (f[m+2] - f[m])}
 * (Slaney area normalisation). Computed in double, stored as float. Immutable and thread-safe.
 */
public final class MelFilterbank {
    private final float[][] weights;
    private final int[] firstBin;
    private final int[] endBin;

    /**
     * @param config sample rate, FFT size, band count and edges
     */
    public MelFilterbank(MelConfig config) {
        int bins = config.filterLength() / 2 + 1;
        int bands = config.nMels();
        double[] edges = edgesHz(config);
        double binHz = config.sampleRate() / (double) config.filterLength();
        weights = new float[bands][bins];
        firstBin = new int[bands];
        endBin = new int[bands];
        for (int m = 0; m < bands; m++) {
            double norm = 2.0 / (edges[m + 2] - edges[m]);
            firstBin[m] = bins;
            for (int k = 0; k < bins; k++) {
                double hz = k * binHz;
                double rising = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                double weight = Math.max(0, Math.min(rising, falling)) * norm;
                weights[m][k] = (float) weight;
                if (weight > 0) {
                    firstBin[m] = Math.min(firstBin[m], k);
                    endBin[m] = k + 1;
                }
            }
        }
    }

    /**
     * The filters' edges: band m rises from edge m, peaks at edge m+1 (its centre) and ends at edge m+2.
     *
     * @param config band count, fMin and fMax
     * @return {@code nMels + 2} frequencies, Hz, equally spaced on the {@link MelScale}
     */
    public static double[] edgesHz(MelConfig config) {
        double[] edges = new double[config.nMels() + 2];
        double melMin = MelScale.hzToMel(config.fMin());
        double melMax = MelScale.hzToMel(config.fMax());
        for (int i = 0; i < edges.length; i++) {
            edges[i] = MelScale.melToHz(melMin + (melMax - melMin) * i / (config.nMels() + 1));
        }
        return edges;
    }

    /** @return the number of mel bands */
    public int bands() {
        return weights.length;
    }

    /** @return the number of linear-frequency bins, {@code fftSize / 2 + 1} */
    public int bins() {
        return weights[0].length;
    }

    /** @return the bins below the highest non-zero weight: every bin from here up is in no band */
    public int usedBins() {
        int used = 0;
        for (int end : endBin) {
            used = Math.max(used, end);
        }
        return used;
    }

    /** @return a copy of the weights, {@code [nMels][fftSize/2 + 1]} */
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int m = 0; m < weights.length; m++) {
            copy[m] = weights[m].clone();
        }
        return copy;
    }

    /**
     * Projects one spectrum onto the mel bands, touching only each band's non-zero bins.
     *
     * @param spectrum {@code fftSize/2 + 1} linear magnitudes
     * @param mel receives {@code nMels} band values
     */
    public void apply(double[] spectrum, double[] mel) {
        apply(spectrum, mel, 1);
    }

    /**
     * Projects several spectra at once, frame by frame as {@link #apply(double[], double[])} does (the
     * same sums in the same order), with the frames innermost so that the loops run over contiguous
     * memory.
     *
     * @param spectra {@code (fftSize/2 + 1) · frames} magnitudes, bin-major: bin k of frame t at
     *     {@code k · frames + t}
     * @param mels receives {@code nMels · frames} band values, band-major likewise
     * @param frames frames in the block, at least one
     */
    public void apply(double[] spectra, double[] mels, int frames) {
        for (int m = 0; m < weights.length; m++) {
            float[] row = weights[m];
            int out = m * frames;
            Arrays.fill(mels, out, out + frames, 0);
            for (int k = firstBin[m]; k < endBin[m]; k++) {
                double weight = row[k];
                int in = k * frames;
                for (int t = 0; t < frames; t++) {
                    mels[out + t] += weight * spectra[in + t];
                }
            }
        }
    }

    /**
     * Transposed projection, {@code out[k] = Σ_m weights[m][k] · mel[m]}.
     *
     * @param mel {@code nMels} band values
     * @param spectrum receives {@code fftSize/2 + 1} values
     */
    public void applyTransposed(double[] mel, double[] spectrum) {
        applyTransposed(mel, spectrum, 1);
    }

    /**
     * {@link #applyTransposed(double[], double[])} of several frames at once, in the layout of
     * {@link #apply(double[], double[], int)}.
     *
     * @param mels {@code nMels · frames} band values, band-major
     * @param spectra receives {@code (fftSize/2 + 1) · frames} values, bin-major
     * @param frames frames in the block, at least one
     */
    public void applyTransposed(double[] mels, double[] spectra, int frames) {
        Arrays.fill(spectra, 0, bins() * frames, 0);
        for (int m = 0; m < weights.length; m++) {
            float[] row = weights[m];
            int in = m * frames;
            for (int k = firstBin[m]; k < endBin[m]; k++) {
                double weight = row[k];
                int out = k * frames;
                for (int t = 0; t < frames; t++) {
                    spectra[out + t] += weight * mels[in + t];
                }
            }
        }
    }
}
