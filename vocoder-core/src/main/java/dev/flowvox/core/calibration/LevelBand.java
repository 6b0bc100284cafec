// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * The bounds of every feature for segments within one range of loudness.
 *
 * @param belowDb segments quieter than this (dBFS) belong to this band or a quieter one; {@code
 *     +∞} for the loudest band
 * @param features bounds of each feature, in the calibration's feature order
 * @param segments calibration segments that fell in this band
 */
public record LevelBand(double belowDb, List<Bounds> features, int segments) {

    /** Validates and freezes. */
    public LevelBand {
        if (Double.isNaN(belowDb)) {
            throw new IllegalArgumentException("band edge is NaN; expected a level in dBFS or +infinity");
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a level band needs the bounds of at least one feature");
        }
        if (segments < 1) {
            throw new IllegalArgumentException("level band below " + belowDb + " dB has " + segments
                    + " calibration segments; expected at least 1");
        }
    }
}
