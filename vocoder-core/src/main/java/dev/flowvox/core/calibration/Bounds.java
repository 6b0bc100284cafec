// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.Collections;
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
     * How far a value lies beyond the side of the bounds it can be anomalous on, in multiples of
     * {@link #scale}: {@link #margin(double)} for both sides, or the distance past one bound only.
     *
     * @param value feature value
     * @param side the side or sides that count
     * @return the signed margin
     */
    public double margin(double value, Side side) {
        return switch (side) {
            case BOTH -> margin(value);
            case HIGH -> (value - upper) / scale;
            case LOW -> (lower - value) / scale;
        };
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
     * Which side of its bounds a value leans to, when only one side counts.
     *
     * @param value feature value
     * @param side the side or sides that count
     * @return true below the middle of the bounds for {@link Side#BOTH}, else whether the side is {@link Side#LOW}
     */
    public boolean isLow(double value, Side side) {
        return side == Side.BOTH ? isLow(value) : side == Side.LOW;
    }

    /**
     * The bound a set of values lies furthest outside of.
     *
     * @param bounds one per value, at least one
     * @param values the values
     * @return the index of the largest {@link #margin}; the first of equal ones
     */
    public static int worst(List<Bounds> bounds, double[] values) {
        return worst(bounds, values, Collections.nCopies(values.length, Side.BOTH));
    }

    /**
     * The bound a set of values lies furthest outside of, each counted on its own side.
     *
     * @param bounds one per value, at least one
     * @param values the values
     * @param sides one per value
     * @return the index of the largest {@link #margin(double, Side)}; the first of equal ones
     */
    public static int worst(List<Bounds> bounds, double[] values, List<Side> sides) {
        int worst = 0;
        double largest = bounds.get(0).margin(values[0], sides.get(0));
        for (int i = 1; i < values.length; i++) {
            double margin = bounds.get(i).margin(values[i], sides.get(i));
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

    /**
     * The side of its bounds on which a feature can be anomalous. A statistic with a natural floor
     * (no clicks, no flat tops, no dropout) or ceiling (16 bits) is anomalous only away from it:
     * a clip with fewer clicks than normal speech is not suspect, and its distance from a lower bound
     * says nothing.
     */
    public enum Side {
        /** Anomalous below the lower bound and above the upper one. */
        BOTH,
        /** Anomalous only above the upper bound. */
        HIGH,
        /** Anomalous only below the lower bound. */
        LOW
    }
}
