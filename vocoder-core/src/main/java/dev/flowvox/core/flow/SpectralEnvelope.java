// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelFilterbank;

/**
 * The first step of a {@link Squeeze#LAPPED} flow: each lapped-transform coefficient is divided by a
 * standard deviation predicted from the log-mel ({@code log σ = W · mel + b}, one linear map per
 * block, the mel interpolated to the block's centre), which contributes {@code -Σ log σ} to the
 * log-determinant. It is initialised to what the mel convention implies, so a fresh model already
 * has the mel's spectral envelope and the coupling layers learn only what the mel does not say.
 */
public final class SpectralEnvelope {

    private SpectralEnvelope() {
    }

    /**
     * Brings frame-rate features to block rate: block {@code m} of a frame of {@code r} blocks sits
     * at {@code (m + 0.5) / r} frames (frame {@code f} is centred on sample {@code f · hop}), so it
     * gets the linear interpolation of the two frames around that point; past the last frame, the
     * last frame is repeated.
     *
     * @param frames {@code [batch, channels, F]}
     * @param perFrame blocks per frame {@code r}
     * @param blocks blocks wanted, at most {@code F · r}
     * @return {@code [batch, channels, blocks]}
     */
    public static NDArray interpolate(NDArray frames, int perFrame, int blocks) {
        long batch = frames.getShape().get(0);
        long channels = frames.getShape().get(1);
        long count = frames.getShape().get(2);
        NDList split = frames.split(new long[] {1}, 2);
        NDArray next = count > 1
                ? NDArrays.concat(new NDList(split.get(1), frames.split(new long[] {count - 1}, 2).get(1)), 2)
                : frames;
        NDList positions = new NDList();
        for (int q = 0; q < perFrame; q++) {
            float toNext = (q + 0.5f) / perFrame;
            positions.add(Scalars.times(frames, 1 - toNext).add(Scalars.times(next, toNext)));
        }
        NDArray atBlocks = NDArrays.stack(positions, 3).reshape(batch, channels, count * perFrame);
        return atBlocks.getShape().get(2) == blocks ? atBlocks : atBlocks.split(new long[] {blocks}, 2).get(0);
    }

    /**
     * The initial linear map from log-mel to the log standard deviation of each coefficient, {@code
     * [n, nMels, 1]} flattened. Coefficient {@code k} covers {@code [k, k+1] · sampleRate / (2n)} Hz;
     * its row averages the mel filters over the STFT bins in that range and is normalised to sum to
     * 1 (linear interpolation between band centres). Above the last band it copies the last band.
     *
     * @param mel the mel convention
     * @param n coefficients per block
     * @return row-major weights
     */
    public static float[] initialWeights(MelConfig mel, int n) {
        double[][] rows = rows(mel, n);
        float[] weights = new float[n * mel.nMels()];
        for (int k = 0; k < n; k++) {
            for (int band = 0; band < mel.nMels(); band++) {
                weights[k * mel.nMels() + band] = (float) rows[k][band];
            }
        }
        return weights;
    }

    /**
     * The initial bias: for Gaussian audio whose orthonormal coefficients have variance {@code σ²},
     * each STFT magnitude is Rayleigh with mean {@code σ · sqrt(π · Σ w²) / 2} ({@code w} the Hann
     * window), and band {@code b} of the mel is {@code log} of the magnitudes weighted by its filter,
     * whose weights sum to {@code s_b}; so {@code log σ = mel_b - log s_b - log(sqrt(π · Σ w²) / 2)}.
     *
     * @param mel the mel convention
     * @param n coefficients per block
     * @return {@code [n]}
     */
    public static float[] initialBias(MelConfig mel, int n) {
        double[][] rows = rows(mel, n);
        float[][] filters = new MelFilterbank(mel).weights();
        double[] logSums = new double[filters.length];
        for (int band = 0; band < filters.length; band++) {
            double sum = 0;
            for (float w : filters[band]) {
                sum += w;
            }
            logSums[band] = Math.log(sum);
        }
        double windowEnergy = 3.0 / 8.0 * mel.winLength();
        double rayleigh = Math.log(Math.sqrt(Math.PI * windowEnergy) / 2);
        float[] bias = new float[n];
        for (int k = 0; k < n; k++) {
            double logSum = 0;
            for (int band = 0; band < filters.length; band++) {
                if (rows[k][band] != 0) {
                    logSum += rows[k][band] * logSums[band];
                }
            }
            bias[k] = (float) (-logSum - rayleigh);
        }
        return bias;
    }

    private static double[][] rows(MelConfig mel, int n) {
        float[][] filters = new MelFilterbank(mel).weights();
        int bins = filters[0].length;
        double binHz = mel.sampleRate() / (double) mel.filterLength();
        double coefficientHz = mel.sampleRate() / (2.0 * n);
        double[][] rows = new double[n][mel.nMels()];
        for (int k = 0; k < n; k++) {
            int from = (int) Math.ceil(k * coefficientHz / binHz);
            int to = Math.min(bins, (int) Math.ceil((k + 1) * coefficientHz / binHz));
            double total = 0;
            for (int band = 0; band < mel.nMels(); band++) {
                for (int bin = from; bin < to; bin++) {
                    rows[k][band] += filters[band][bin];
                }
                total += rows[k][band];
            }
            if (total > 0) {
                for (int band = 0; band < mel.nMels(); band++) {
                    rows[k][band] /= total;
                }
            } else {
                rows[k][nearestBand(filters, from)] = 1;
            }
        }
        return rows;
    }

    /** The band whose peak is nearest to STFT bin {@code bin} (for coefficients no filter covers). */
    private static int nearestBand(float[][] filters, int bin) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int band = 0; band < filters.length; band++) {
            int peak = 0;
            for (int k = 1; k < filters[band].length; k++) {
                if (filters[band][k] > filters[band][peak]) {
                    peak = k;
                }
            }
            double distance = Math.abs(peak - bin);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = band;
            }
        }
        return best;
    }
}
