// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Double-precision FFT of real signals of a power-of-two size N: an N/2-point complex radix-2 FFT
 * of the even/odd samples packed as real/imaginary parts, then a split step. Twiddles and the
 * bit-reversal table are precomputed; transforms allocate nothing.
 *
 * <p>Not thread-safe: an instance owns its work buffers. Use one per thread.
 */
public final class RealFft {
    private final int size;
    private final int half;
    private final int[] bitReversed;
    private final double[] cosHalf;
    private final double[] sinHalf;
    private final double[] cosFull;
    private final double[] sinFull;
    private final double[] workRe;
    private final double[] workIm;

    /**
     * @param size transform size N, a power of two >= 2
     */
    public RealFft(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size " + size + "; expected a power of two >= 2");
        }
        this.size = size;
        this.half = size / 2;
        this.bitReversed = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int k = 0; k < half; k++) {
            bitReversed[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
        }
        this.cosHalf = new double[Math.max(1, half / 2)];
        this.sinHalf = new double[cosHalf.length];
        for (int k = 0; k < half / 2; k++) {
            cosHalf[k] = Math.cos(2 * Math.PI * k / half);
            sinHalf[k] = Math.sin(2 * Math.PI * k / half);
        }
        this.cosFull = new double[half + 1];
        this.sinFull = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            cosFull[k] = Math.cos(2 * Math.PI * k / size);
            sinFull[k] = Math.sin(2 * Math.PI * k / size);
        }
        this.workRe = new double[half];
        this.workIm = new double[half];
    }

    /** @return the transform size N */
    public int size() {
        return size;
    }

    /**
     * Forward transform {@code X[k] = Σ x[n] e^{-2πikn/N}}, unnormalised, as numpy's {@code rfft}.
     *
     * @param input N real samples; not modified
     * @param re receives Re X[k] for k in [0, N/2]
     * @param im receives Im X[k] for k in [0, N/2]
     */
    public void forward(double[] input, double[] re, double[] im) {
        for (int k = 0; k < half; k++) {
            workRe[bitReversed[k]] = input[2 * k];
            workIm[bitReversed[k]] = input[2 * k + 1];
        }
        complexInPlace(-1);
        for (int k = 0; k <= half; k++) {
            int a = k % half;
            int b = (half - k) % half;
            double zr = workRe[a];
            double zi = workIm[a];
            double cr = workRe[b];
            double ci = -workIm[b];
            double er = 0.5 * (zr + cr);
            double ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci);
            double oi = -0.5 * (zr - cr);
            re[k] = er + cosFull[k] * or + sinFull[k] * oi;
            im[k] = ei + cosFull[k] * oi - sinFull[k] * or;
        }
    }

    /**
     * Inverse transform {@code x[n] = (1/N) Σ X[k] e^{2πikn/N}} over the Hermitian-extended
     * spectrum, as numpy's {@code irfft}: the imaginary parts of bins 0 and N/2 are ignored.
     *
     * @param re Re X[k] for k in [0, N/2]; not modified
     * @param im Im X[k] for k in [0, N/2]; not modified
     * @param output receives N real samples
     */
    public void inverse(double[] re, double[] im, double[] output) {
        for (int k = 0; k < half; k++) {
            int m = half - k;
            double xr = re[k];
            double xi = k == 0 ? 0 : im[k];
            double cr = re[m];
            double ci = m == half ? 0 : -im[m];
            double er = 0.5 * (xr + cr);
            double ei = 0.5 * (xi + ci);
            double dr = 0.5 * (xr - cr);
            double di = 0.5 * (xi - ci);
            double or = dr * cosFull[k] - di * sinFull[k];
            double oi = dr * sinFull[k] + di * cosFull[k];
            workRe[bitReversed[k]] = er - oi;
            workIm[bitReversed[k]] = ei + or;
        }
        complexInPlace(1);
        double scale = 1.0 / half;
        for (int k = 0; k < half; k++) {
            output[2 * k] = workRe[k] * scale;
            output[2 * k + 1] = workIm[k] * scale;
        }
    }

    /** Iterative radix-2 butterflies on bit-reversed work buffers; sign -1 forward, +1 inverse. */
    private void complexInPlace(int sign) {
        for (int length = 2; length <= half; length <<= 1) {
            int span = length / 2;
            int stride = half / length;
            for (int start = 0; start < half; start += length) {
                for (int j = 0; j < span; j++) {
                    double wr = cosHalf[j * stride];
                    double wi = sign * sinHalf[j * stride];
                    int p = start + j;
                    int q = p + span;
                    double vr = workRe[q] * wr - workIm[q] * wi;
                    double vi = workRe[q] * wi + workIm[q] * wr;
                    workRe[q] = workRe[p] - vr;
                    workIm[q] = workIm[p] - vi;
                    workRe[p] += vr;
                    workIm[p] += vi;
                }
            }
        }
    }
}
