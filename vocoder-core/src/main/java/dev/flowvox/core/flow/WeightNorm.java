// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/** Weight normalisation ({@code w = g · v / ‖v‖}, norm over all dimensions but the first). */
public final class WeightNorm {

    private WeightNorm() {
    }

    /**
     * The magnitudes {@code g = ‖w_r‖} that make {@code v = w} reproduce {@code w}.
     *
     * @param weight row-major weight whose first dimension has {@code rows} entries
     * @param rows output channels
     * @return {@code [rows]} Euclidean norms of the rows
     */
    public static float[] magnitudes(float[] weight, int rows) {
        if (rows <= 0 || weight.length % rows != 0) {
            throw new IllegalArgumentException("a weight of " + weight.length + " values has no " + rows + " equal rows");
        }
        int perRow = weight.length / rows;
        float[] norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = r * perRow; i < (r + 1) * perRow; i++) {
                sum += (double) weight[i] * weight[i];
            }
            norms[r] = (float) Math.sqrt(sum);
        }
        return norms;
    }
}
