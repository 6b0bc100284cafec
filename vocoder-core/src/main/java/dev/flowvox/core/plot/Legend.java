// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The key of a line plot: one row per entry with a swatch and its label, in a translucent box in
 * the corner of the data area that covers the fewest data points. Distances in pixels.
 */
final class Legend {

    /** How an entry's swatch is drawn. */
    enum Swatch {
        /** A solid line, for series. */
        LINE,
        /** A dashed line, for reference lines. */
        DASHED,
        /** A shaded box, for bands and marked ranges. */
        SHADE
    }

    /**
     * @param label text, not blank
     * @param color swatch colour
     * @param swatch how the swatch is drawn
     */
    record Entry(String label, Color color, Swatch swatch) {
    }

    private static final int PADDING = 8;
    private static final int SWATCH_WIDTH = 26;
    private static final int ROW_SPACING = 4;
    /** Distance between the box and the edges of the data area. */
    private static final int INSET = 8;
    private static final Color BOX = new Color(255, 255, 255, 225);
    private static final Color BOX_EDGE = new Color(0xC8C8C8);

    private final List<Entry> entries;

    /** @param entries rows in order, at least one */
    Legend(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a legend of 0 entries; expected at least one");
        }
        this.entries = List.copyOf(entries);
    }

    /**
     * Draws the legend inside {@code frame}: in the upper right, upper left, lower right or lower
     * left corner, whichever covers fewest of {@code points} (earlier in that order on ties).
     *
     * @param points plotted data points, pixel coordinates
     */
    void paint(Canvas canvas, PlotFrame frame, List<Point2D> points) {
        Rectangle2D box = bestCorner(frame, points);
        Graphics2D g = canvas.graphics();
        g.setColor(BOX);
        g.fill(box);
        g.setColor(BOX_EDGE);
        g.setStroke(Theme.HAIRLINE);
        g.draw(box);
        double rowHeight = rowHeight();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            double middle = box.getY() + PADDING + (i + 0.5) * rowHeight;
            double swatchLeft = box.getX() + PADDING;
            paintSwatch(g, entry, swatchLeft, middle);
            g.setColor(Theme.TEXT);
            canvas.text(entry.label(), Theme.LEGEND, swatchLeft + SWATCH_WIDTH + Theme.GAP, middle, 0, 0.5);
        }
    }

    private Rectangle2D bestCorner(PlotFrame frame, List<Point2D> points) {
        double widest = Canvas.widest(entries.stream().map(Entry::label).toArray(String[]::new), Theme.LEGEND);
        double width = Math.ceil(2 * PADDING + SWATCH_WIDTH + Theme.GAP + widest);
        double height = Math.ceil(2 * PADDING + entries.size() * rowHeight());
        double leftX = frame.left() + INSET;
        double rightX = frame.right() - INSET - width;
        double topY = frame.top() + INSET;
        double bottomY = frame.bottom() - INSET - height;
        Rectangle2D best = null;
        long fewest = Long.MAX_VALUE;
        for (double[] corner : new double[][] {{rightX, topY}, {leftX, topY}, {rightX, bottomY}, {leftX, bottomY}}) {
            Rectangle2D box = new Rectangle2D.Double(corner[0] + 0.5, corner[1] + 0.5, width, height);
            long covered = points.stream().filter(box::contains).count();
            if (covered < fewest) {
                fewest = covered;
                best = box;
            }
        }
        return best;
    }

    private static double rowHeight() {
        return Canvas.height(Theme.LEGEND) + ROW_SPACING;
    }

    private static void paintSwatch(Graphics2D g, Entry entry, double left, double middle) {
        switch (entry.swatch()) {
            case LINE, DASHED -> {
                g.setColor(entry.color());
                g.setStroke(entry.swatch() == Swatch.LINE ? Theme.SERIES : Theme.DASHED);
                g.draw(new Line2D.Double(left, middle, left + SWATCH_WIDTH, middle));
            }
            case SHADE -> {
                Rectangle2D swatch = new Rectangle2D.Double(left, middle - 5, SWATCH_WIDTH, 10);
                g.setColor(Theme.shade(entry.color()));
                g.fill(swatch);
                g.setColor(entry.color());
                g.setStroke(Theme.HAIRLINE);
                g.draw(swatch);
            }
        }
    }
}
