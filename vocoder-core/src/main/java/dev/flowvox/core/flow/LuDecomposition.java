// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/**
 * LU decomposition with partial pivoting of a square matrix, {@code W = P · L · (U + diag(s))},
 * computed in double precision. This is how an imported 1x1 convolution matrix becomes the Glow
 * parametrisation, whose log-determinant is {@code Σ log|s_i|}.
 *
 * @param permutation row {@code permutation[i]} of {@code W} is row {@code i} of {@code L·U}, so
 *     {@code P[permutation[i]][i] = 1}
 * @param lower strictly lower triangular part of {@code L} (the unit diagonal is implied), row-major
 *     {@code [n][n]}
 * @param upper strictly upper triangular part of {@code U}, row-major {@code [n][n]}
 * @param diagonal the diagonal {@code s} of the upper factor
 */
public record LuDecomposition(int[] permutation, double[][] lower, double[][] upper, double[] diagonal) {

    /**
     * Decomposes {@code w}.
     *
     * @param w square matrix {@code [n][n]}, not modified
     * @return its decomposition
     * @throws IllegalArgumentException if {@code w} is not square or is singular
     */
    public static LuDecomposition of(double[][] w) {
        int n = w.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (w[i].length != n) {
                throw new IllegalArgumentException(
                        "matrix must be square, row " + i + " has " + w[i].length + " columns, expected " + n);
            }
            a[i] = w[i].clone();
        }
        int[] rowOf = new int[n];
        for (int i = 0; i < n; i++) {
            rowOf[i] = i;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (a[pivot][col] == 0) {
                throw new IllegalArgumentException("matrix is singular (zero pivot in column " + col + ")");
            }
            double[] tmpRow = a[col];
            a[col] = a[pivot];
            a[pivot] = tmpRow;
            int tmpIndex = rowOf[col];
            rowOf[col] = rowOf[pivot];
            rowOf[pivot] = tmpIndex;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                a[r][col] = factor;
                for (int c = col + 1; c < n; c++) {
                    a[r][c] -= factor * a[col][c];
                }
            }
        }
        double[][] lower = new double[n][n];
        double[][] upper = new double[n][n];
        double[] diagonal = new double[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (c < r) {
                    lower[r][c] = a[r][c];
                } else if (c > r) {
                    upper[r][c] = a[r][c];
                } else {
                    diagonal[r] = a[r][c];
                }
            }
        }
        // Rows were permuted so that A[rowOf[i]] = (L U)[i]; hence W = P L U with P[rowOf[i]][i] = 1.
        return new LuDecomposition(rowOf, lower, upper, diagonal);
    }

    /** Size {@code n} of the matrix. */
    public int size() {
        return diagonal.length;
    }

    /**
     * The permutation as a 0/1 matrix {@code P} with {@code W = P · L · (U + diag(s))}.
     *
     * @return {@code [n][n]}
     */
    public double[][] permutationMatrix() {
        int n = size();
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[permutation[i]][i] = 1;
        }
        return p;
    }

    /** {@code log|det W| = Σ log|s_i|} (nats). */
    public double logAbsDeterminant() {
        double sum = 0;
        for (double s : diagonal) {
            sum += Math.log(Math.abs(s));
        }
        return sum;
    }

    /** Sign of {@code det W}: the permutation's parity times the signs of {@code s}. */
    public int determinantSign() {
        int sign = 1;
        for (double s : diagonal) {
            if (s < 0) {
                sign = -sign;
            }
        }
        boolean[] seen = new boolean[size()];
        for (int start = 0; start < size(); start++) {
            int length = 0;
            for (int i = start; !seen[i]; i = permutation[i]) {
                seen[i] = true;
                length++;
            }
            if (length > 0 && length % 2 == 0) {
                sign = -sign;
            }
        }
        return sign;
    }

    /**
     * Recomposes {@code W = P · L · (U + diag(s))}.
     *
     * @return {@code [n][n]}
     */
    public double[][] compose() {
        int n = size();
        double[][] lu = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double sum = 0;
                int kMax = Math.min(r, c);
                for (int k = 0; k <= kMax; k++) {
                    double l = k == r ? 1 : lower[r][k];
                    double u = k == c ? diagonal[k] : upper[k][c];
                    sum += l * u;
                }
                lu[r][c] = sum;
            }
        }
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            w[permutation[i]] = lu[i];
        }
        return w;
    }

    /**
     * The inverse {@code W^-1 = (U + diag(s))^-1 · L^-1 · P^T} by triangular solves.
     *
     * @return {@code [n][n]}
     */
    public double[][] inverse() {
        int n = size();
        double[][] inv = new double[n][n];
        double[] y = new double[n];
        for (int col = 0; col < n; col++) {
            // Solve W x = e_col: L U x = P^T e_col, i.e. the right-hand side is 1 at row i where permutation[i] == col.
            for (int i = 0; i < n; i++) {
                double sum = permutation[i] == col ? 1 : 0;
                for (int k = 0; k < i; k++) {
                    sum -= lower[i][k] * y[k];
                }
                y[i] = sum;
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = y[i];
                for (int k = i + 1; k < n; k++) {
                    sum -= upper[i][k] * inv[k][col];
                }
                inv[i][col] = sum / diagonal[i];
            }
        }
        return inv;
    }
}
