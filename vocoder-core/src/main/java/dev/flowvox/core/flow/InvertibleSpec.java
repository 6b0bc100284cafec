// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import java.util.List;

/**
 * The LU-parametrised invertible 1x1 convolution of one flow, {@code W = P · L · (U + diag(sign ·
 * exp(log_s)))} (Glow). {@code P} and {@code sign} are fixed; {@code L}, {@code U} and {@code
 * log_s} are trained. Only the strictly lower (upper) triangle of {@code L} ({@code U}) is used.
 *
 * @param prefix name prefix, {@code convinv.k}
 * @param channels size {@code c} of the square matrix
 */
public record InvertibleSpec(String prefix, int channels) {

    /** Permutation matrix {@code P}, {@code [c, c]}, fixed. */
    public String permutation() {
        return prefix + ".P";
    }

    /** Strictly lower triangle of {@code L}, {@code [c, c]}. */
    public String lower() {
        return prefix + ".L";
    }

    /** Strictly upper triangle of {@code U}, {@code [c, c]}. */
    public String upper() {
        return prefix + ".U";
    }

    /** {@code log|s|}, {@code [c]}. */
    public String logScale() {
        return prefix + ".log_s";
    }

    /** {@code sign(s)} as ±1, {@code [c]}, fixed. */
    public String sign() {
        return prefix + ".sign_s";
    }

    /** The name NVIDIA's checkpoints use for the plain matrix, {@code [c, c, 1]}. */
    public String nvidiaWeight() {
        return prefix + ".conv.weight";
    }

    /** Stored parameter names. */
    public List<String> storedNames() {
        return List.of(permutation(), lower(), upper(), logScale(), sign());
    }

    /** Names of the parameters that training updates. */
    public List<String> trainableNames() {
        return List.of(lower(), upper(), logScale());
    }
}
