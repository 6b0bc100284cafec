// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

/**
 * A training batch in Java arrays.
 *
 * @param audio {@code [batch][samples]}
 * @param mel {@code [batch][n_mel][frames]}
 */
public record Batch(float[][] audio, float[][][] mel) {

    /** Segments in the batch. */
    public int size() {
        return audio.length;
    }

    /** Samples per segment. */
    public int samples() {
        return audio[0].length;
    }
}
