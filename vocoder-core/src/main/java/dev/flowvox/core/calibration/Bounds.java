// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

/**
 * Two-sided bounds on one feature with the spread that turns a distance into a margin.
 *
 * @param lower lowest typical value (feature units)
 * @param upper highest typical value (feature units), {@code >= lower}
 * @param scale typical spread of the feature (feature units, {@code > 0}); margins are in multiples
 *     of it
 */
public record Bounds(double lower, double upper, double scale) {

    /** Validates the order and the scale. */
    public Bounds {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower <= upper)) {
            throw new IllegalArgumentException("bounds [" + lower + ", " + upper + "]; expected finite lower <= upper");
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("bounds scale " + scale + "; expected a finite value > 0");
        }
    }

    /**
     * How far a value lies outside the bounds, in multiples of {@link #scale}: negative inside (the
     * distance to the nearer bound), zero on a bound, positive outside.
     *
     * @param value feature value
     * @return the signed margin
     */
    public double margin(double value) {
        return Math.max(lower - value, value - upper) / scale;
    }

    /**
     * The bounds widened by a margin on both sides.
     *
     * @param margin multiples of {@link #scale}; may be negative as long as the bounds stay ordered
     * @return {@code [lower − margin·scale, upper + margin·scale]}
     */
    public Bounds widened(double margin) {
        double lo = lower - margin * scale;
        double hi = upper + margin * scale;
        return lo <= hi ? new Bounds(lo, hi, scale) : new Bounds((lo + hi) / 2, (lo + hi) / 2, scale);
    }
}
