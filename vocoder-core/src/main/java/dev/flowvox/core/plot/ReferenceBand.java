// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;

/**
 * A horizontal reference across a {@link LinePlot}: a shaded band between two y values (for
 * example calibrated lower and upper bounds), or a dashed line when both are equal. Its label goes
 * in the legend.
 *
 * @param label legend text, not blank
 * @param lower lower y value, plot units, finite
 * @param upper upper y value, plot units, finite, at least {@code lower}
 * @param color shade (drawn translucent) or line colour, or null for the default green
 */
public record ReferenceBand(String label, double lower, double upper, Color color) {

    /** Validates the label and bounds. */
    public ReferenceBand {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("reference label \"" + label + "\"; expected legend text");
        }
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower <= upper)) {
            throw new IllegalArgumentException("reference '" + label + "' from " + lower + " to " + upper
                    + "; expected finite bounds with lower <= upper");
        }
        if (color == null) {
            color = Theme.REFERENCE;
        }
    }

    /** @return a dashed line at {@code y}, default colour */
    public static ReferenceBand line(String label, double y) {
        return new ReferenceBand(label, y, y, null);
    }

    /** @return a band shaded between {@code lower} and {@code upper}, default colour */
    public static ReferenceBand between(String label, double lower, double upper) {
        return new ReferenceBand(label, lower, upper, null);
    }

    /** @return whether this is a single line ({@code lower == upper}) rather than a band */
    public boolean isLine() {
        return lower == upper;
    }
}
