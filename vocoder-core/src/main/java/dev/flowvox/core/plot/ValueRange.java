// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * The values a heatmap's colour scale spans: {@code min} gets the colormap's low end, {@code max}
 * its high end, values outside are clipped to the nearest end.
 *
 * @param min value at the low end, in the matrix's units (for example nats of log magnitude or
 *     dB), finite
 * @param max value at the high end, same units, finite, greater than {@code min}
 */
public record ValueRange(double min, double max) {

    /**
     * 80 dB of amplitude in natural-log units, {@code ln(10^4) ≈ 9.21}: the usual display range
     * for natural-log magnitudes such as {@code dsp.MelSpectrogram}'s log-mel.
     */
    public static final double NATURAL_LOG_80_DB = 4 * Math.log(10);

    /** Validates the bounds. */
    public ValueRange {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("colour range " + min + " .. " + max
                    + "; expected finite bounds with min < max");
        }
    }

    /**
     * @param values a matrix, {@code [rows][columns]}
     * @return the smallest to the largest finite value; a matrix whose finite values are all v
     *     (silence, say) gets {@code v - 1 .. v + 1}
     * @throws IllegalArgumentException if no value is finite
     */
    public static ValueRange spanning(float[][] values) {
        double[] extremes = finiteExtremes(values);
        double min = extremes[0];
        double max = extremes[1];
        return min == max ? new ValueRange(min - 1, max + 1) : new ValueRange(min, max);
    }

    /**
     * @param values a matrix, {@code [rows][columns]}
     * @param dynamicRange how far below the largest finite value the scale reaches, matrix units,
     *     positive (for example {@link #NATURAL_LOG_80_DB}, or 80 for dB)
     * @return {@code max - dynamicRange .. max}, max being the largest finite value
     * @throws IllegalArgumentException if no value is finite or the dynamic range is not positive
     */
    public static ValueRange belowMax(float[][] values, double dynamicRange) {
        if (!(dynamicRange > 0 && Double.isFinite(dynamicRange))) {
            throw new IllegalArgumentException("dynamic range " + dynamicRange + "; expected a finite value > 0");
        }
        double max = finiteExtremes(values)[1];
        return new ValueRange(max - dynamicRange, max);
    }

    /** @return the smallest range containing this one and {@code other} */
    public ValueRange union(ValueRange other) {
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
    }

    /**
     * @param value a matrix value
     * @return its position in the colour scale: 0 at {@code min}, 1 at {@code max}, outside [0, 1]
     *     (±∞ included) when out of range, NaN for NaN
     */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** @return {smallest, largest} finite value */
    private static double[] finiteExtremes(float[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] row : values) {
            for (float value : row) {
                if (Float.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("no finite value in a " + values.length + "-row matrix; expected at "
                    + "least one to size the colour range");
        }
        return new double[] {min, max};
    }
}
