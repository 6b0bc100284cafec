// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A lapped orthogonal cosine transform (Malvar's modulated lapped transform with sine windows) of a
 * finite signal: {@code n} coefficients per block of {@code n} samples. At every boundary between
 * two blocks the {@code n/2} samples on each side are rotated pairwise (sample {@code i} after the
 * boundary with sample {@code i} before it, by the sine window's angle), then each block goes
 * through an orthonormal DCT-IV. Every step is orthogonal, so the whole map is orthogonal (its
 * log-determinant is exactly 0) and its inverse is its transpose. Unlike the circular MDCT, the
 * signal's two ends are left unrotated, so nothing wraps around: a block's coefficients depend only
 * on the samples from half a block before it to half a block after it, which keeps chunked
 * streaming exact. Basis functions are smooth windowed cosines, so independent coefficients do not
 * produce block-edge clicks. Immutable and thread-safe.
 */
public final class LappedTransform {

    private final int n;
    private final float[] dct;
    private final float[] inner;
    private final float[] outer;

    /**
     * @param n coefficients per block (and samples per block), even
     */
    public LappedTransform(int n) {
        if (n < 2 || n % 2 != 0) {
            throw new IllegalArgumentException("block size must be even and >= 2, got " + n);
        }
        this.n = n;
        this.dct = new float[n * n];
        double scale = Math.sqrt(2.0 / n);
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                dct[k * n + t] = (float) (scale * Math.cos(Math.PI / n * (t + 0.5) * (k + 0.5)));
            }
        }
        int half = n / 2;
        this.inner = new float[half];
        this.outer = new float[half];
        for (int i = 0; i < half; i++) {
            double angle = Math.PI / 4 + Math.PI * (i + 0.5) / (2 * n);
            inner[i] = (float) Math.sin(angle);
            outer[i] = (float) Math.cos(angle);
        }
    }

    /**
     * Analysis: samples to coefficients.
     *
     * @param audio {@code [batch, blocks · n]}
     * @return {@code [batch, n, blocks]}: coefficient {@code k} of block {@code b} at {@code [., k, b]}
     */
    public NDArray forward(NDArray audio) {
        long batch = audio.getShape().get(0);
        long blocks = audio.getShape().get(1) / n;
        NDArray folded = rotateBoundaries(audio.reshape(batch, blocks, n), false);
        return folded.matMul(dct(audio.getManager())).transpose(0, 2, 1);
    }

    /**
     * Synthesis: coefficients to samples, the exact inverse of {@link #forward}.
     *
     * @param coefficients {@code [batch, n, blocks]}
     * @return {@code [batch, blocks · n]}
     */
    public NDArray inverse(NDArray coefficients) {
        long batch = coefficients.getShape().get(0);
        long blocks = coefficients.getShape().get(2);
        NDArray folded = coefficients.transpose(0, 2, 1).matMul(dct(coefficients.getManager()));
        return rotateBoundaries(folded, true).reshape(batch, blocks * n);
    }

    /**
     * The pairwise rotations at the interior block boundaries. The orthonormal DCT-IV matrix is
     * symmetric and its own inverse, so only the rotations differ between the two directions.
     *
     * @param blocks {@code [batch, blocks, n]}
     * @param inverse rotate back (synthesis) instead of forward (analysis)
     * @return the rotated blocks
     */
    private NDArray rotateBoundaries(NDArray blocks, boolean inverse) {
        long count = blocks.getShape().get(1);
        if (count < 2) {
            return blocks;
        }
        NDManager manager = blocks.getManager();
        int half = n / 2;
        NDList halves = blocks.split(new long[] {half}, 2);
        NDList heads = halves.get(0).split(new long[] {1}, 1);
        NDList tails = halves.get(1).flip(2).split(new long[] {count - 1}, 1);
        NDArray after = heads.get(1);
        NDArray before = tails.get(0);
        NDArray a = manager.create(inner, new Shape(1, 1, half));
        NDArray b = manager.create(outer, new Shape(1, 1, half));
        if (inverse) {
            b = b.neg();
        }
        NDArray newAfter = after.mul(a).add(before.mul(b));
        NDArray newBefore = before.mul(a).sub(after.mul(b));
        NDArray head = NDArrays.concat(new NDList(heads.get(0), newAfter), 1);
        NDArray tail = NDArrays.concat(new NDList(newBefore, tails.get(1)), 1).flip(2);
        return NDArrays.concat(new NDList(head, tail), 2);
    }

    private NDArray dct(NDManager manager) {
        return manager.create(dct, new Shape(n, n));
    }
}
