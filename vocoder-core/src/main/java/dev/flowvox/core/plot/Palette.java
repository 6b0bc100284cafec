// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;

/**
 * Series colours given when a series names none: the Okabe–Ito colour-blind-safe set without its
 * yellow (too faint on white), in a fixed order.
 */
final class Palette {

    private static final Color[] COLORS = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
    };

    private Palette() {
    }

    /**
     * @param index the series' position in the plot, from 0
     * @return its colour; the palette repeats after seven series
     */
    static Color color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
