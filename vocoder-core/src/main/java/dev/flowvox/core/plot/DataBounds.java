// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * The extent of the plottable values along one axis, grown value by value, turned into a
 * {@link Scale} with some padding.
 */
final class DataBounds {

    private final boolean logarithmic;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param logarithmic whether the axis is logarithmic, so that values ≤ 0 are not plottable */
    DataBounds(boolean logarithmic) {
        this.logarithmic = logarithmic;
    }

    /** Widens the bounds to {@code value} if it can be plotted (finite, and positive on a log axis). */
    void include(double value) {
        if (Double.isFinite(value) && (!logarithmic || value > 0)) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    /** @return whether no plottable value was included */
    boolean isEmpty() {
        return min > max;
    }

    /**
     * @param padFraction blank space added at each end, as a fraction of the span (of the span of
     *     log10 values on a log axis)
     * @return a scale covering the bounds plus padding; a single value v gets v ± 10% (± 1 for 0),
     *     or v / √10 .. v · √10 on a log axis
     * @throws IllegalStateException if no value was included
     */
    Scale toScale(double padFraction) {
        if (isEmpty()) {
            throw new IllegalStateException("no plottable value was included; check isEmpty() first");
        }
        double low = logarithmic ? Math.log10(min) : min;
        double high = logarithmic ? Math.log10(max) : max;
        double pad = (high - low) * padFraction;
        if (high == low) {
            pad = logarithmic ? 0.5 : low == 0 ? 1 : Math.abs(low) * 0.1;
        }
        low -= pad;
        high += pad;
        return logarithmic ? Scale.logarithmic(Math.pow(10, low), Math.pow(10, high)) : Scale.linear(low, high);
    }
}
