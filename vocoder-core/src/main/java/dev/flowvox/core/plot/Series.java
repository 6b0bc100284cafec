// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;

/**
 * One named curve of a {@link LinePlot}: points joined in the given order. A point whose x or y
 * is NaN or infinite (or y ≤ 0 on a log axis) is skipped and breaks the line, leaving a gap.
 *
 * @param name legend text, not blank
 * @param color line colour, or null to take the plot's palette colour for the series' position
 * @param x x values in the plot's x units (steps, seconds, …), at least one, as many as {@code y}
 * @param y y values in the plot's y units, as many as {@code x}
 */
public record Series(String name, Color color, double[] x, double[] y) {

    /** Validates names and lengths and copies both arrays. */
    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name \"" + name + "\"; expected legend text");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length
                    + " y values; expected as many of each");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no points; expected at least one (x, y)");
        }
        x = x.clone();
        y = y.clone();
    }

    /** @return a series drawn in the palette colour for its position */
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, null, x, y);
    }

    /** @return a copy of the x values */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the y values */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** @return this series in {@code newColor} */
    Series withColor(Color newColor) {
        return new Series(name, newColor, x, y);
    }
}
