// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

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
     * Which side of the bounds a value leans to.
     *
     * @param value feature value
     * @return true below the middle of the bounds
     */
    public boolean isLow(double value) {
        return value < (lower + upper) / 2;
    }

    /**
     * The bound a set of values lies furthest outside of.
     *
     * @param bounds one per value, at least one
     * @param values the values
     * @return the index of the largest {@link #margin}; the first of equal ones
     */
    public static int worst(List<Bounds> bounds, double[] values) {
        int worst = 0;
        double largest = bounds.get(0).margin(values[0]);
        for (int i = 1; i < values.length; i++) {
            double margin = bounds.get(i).margin(values[i]);
            if (margin > largest) {
                largest = margin;
                worst = i;
            }
        }
        return worst;
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
