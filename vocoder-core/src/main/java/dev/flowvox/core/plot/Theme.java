// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/** The fonts, neutral colours, strokes and spacings every figure shares; distances in pixels. */
final class Theme {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x555555);
    static final Color GRID = new Color(0xE4E4E4);
    /** Heatmap cells holding NaN. */
    static final Color MISSING = new Color(0xD0D0D0);
    /** Reference lines and bands that name no colour. */
    static final Color REFERENCE = new Color(0x009E73);
    /** Marked x ranges that name no colour. */
    static final Color MARKER = new Color(0xD55E00);

    static final Stroke HAIRLINE = new BasicStroke(1f);
    static final Stroke SERIES = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** Blank space between the image edge and anything drawn. */
    static final int MARGIN = 14;
    /** Space between a piece of text and what it labels. */
    static final int GAP = 6;
    static final int TICK_LENGTH = 5;
    /** Opacity of shaded bands and ranges, 0..255. */
    static final int SHADE_ALPHA = 48;

    private Theme() {
    }

    /** @return {@code color} with the shading opacity */
    static Color shade(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), SHADE_ALPHA);
    }
}
