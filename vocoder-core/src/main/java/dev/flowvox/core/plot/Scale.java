// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * The data range shown along one axis and how it is spaced.
 *
 * @param min data value at the low end of the axis (left or bottom), finite
 * @param max data value at the high end, finite, greater than {@code min}
 * @param logarithmic whether equal ratios (rather than equal differences) get equal length; then
 *     {@code min > 0}
 */
public record Scale(double min, double max, boolean logarithmic) {

    /** Validates the range. */
    public Scale {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("axis range " + min + " .. " + max
                    + "; expected finite bounds with min < max");
        }
        if (logarithmic && min <= 0) {
            throw new IllegalArgumentException("log axis starting at " + min + "; expected a start > 0");
        }
    }

    /** @return a linearly spaced scale over {@code min .. max} */
    public static Scale linear(double min, double max) {
        return new Scale(min, max, false);
    }

    /** @return a logarithmically spaced scale over {@code min .. max}, {@code min > 0} */
    public static Scale logarithmic(double min, double max) {
        return new Scale(min, max, true);
    }

    /**
     * @param value a data value
     * @return whether the value can be placed on this axis: finite, and positive on a log axis
     */
    public boolean accepts(double value) {
        return Double.isFinite(value) && (!logarithmic || value > 0);
    }

    /**
     * @param value a data value the axis {@link #accepts(double) accepts}
     * @return its position along the axis: 0 at {@code min}, 1 at {@code max}, outside [0, 1] when
     *     the value is out of range
     */
    public double fraction(double value) {
        if (logarithmic) {
            return Math.log(value / min) / Math.log(max / min);
        }
        return (value - min) / (max - min);
    }

    /**
     * @param fraction a position along the axis, 0 at {@code min} and 1 at {@code max}
     * @return the data value there; the inverse of {@link #fraction(double)}
     */
    public double valueAt(double fraction) {
        if (logarithmic) {
            return min * Math.pow(max / min, fraction);
        }
        return min + fraction * (max - min);
    }

    /**
     * @param maxCount most ticks wanted, at least 2
     * @return tick values within the range on a 1-2-5 grid (decades on a log axis), with labels
     */
    Ticks ticks(int maxCount) {
        return logarithmic ? Ticks.logarithmic(min, max, maxCount) : Ticks.linear(min, max, maxCount);
    }
}
