// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;

/**
 * A shaded x range across the full height of a {@link LinePlot}, for example one of the worst
 * segments of a likelihood track. Markers sharing a label share one legend entry.
 *
 * @param label legend text, not blank
 * @param from start x, plot units, finite
 * @param to end x, plot units, finite, greater than {@code from}
 * @param color shade colour (drawn translucent), or null for the default vermillion
 */
public record XRangeMarker(String label, double from, double to, Color color) {

    /** Validates the label and range. */
    public XRangeMarker {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("marker label \"" + label + "\"; expected legend text");
        }
        if (!(Double.isFinite(from) && Double.isFinite(to) && from < to)) {
            throw new IllegalArgumentException("marker '" + label + "' from " + from + " to " + to
                    + "; expected finite bounds with from < to");
        }
        if (color == null) {
            color = Theme.MARKER;
        }
    }

    /** @return a marker over {@code from .. to} in the default colour */
    public static XRangeMarker of(String label, double from, double to) {
        return new XRangeMarker(label, from, to, null);
    }
}
