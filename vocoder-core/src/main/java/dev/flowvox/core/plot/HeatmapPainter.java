// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Heatmap cells and the colour bar that explains them. Every pixel of the data area takes the
 * colour of the cell under its centre (nearest neighbour, no smoothing), so a cell's colour can be
 * read back exactly.
 */
final class HeatmapPainter {

    /** Width of the colour bar, pixels. */
    static final int BAR_WIDTH = 16;
    /** Distance between the data areas and the colour bar, pixels. */
    static final int BAR_GAP = 16;

    private HeatmapPainter() {
    }

    /**
     * Fills {@code frame}'s data area of {@code image} with {@code panel}'s cells. Pixels past the
     * panel's last frame (when a stack shows a longer recording) get the background colour; NaN
     * cells a light grey.
     */
    static void paintCells(BufferedImage image, PlotFrame frame, SpectrogramImage panel, ValueRange range,
            Colormap colormap) {
        int[] frameOfColumn = new int[frame.width()];
        for (int px = 0; px < frame.width(); px++) {
            double seconds = frame.x().valueAt((px + 0.5) / frame.width());
            frameOfColumn[px] = nearestCell(seconds / panel.secondsPerFrame(), panel.frames());
        }
        int background = Theme.BACKGROUND.getRGB();
        int missing = Theme.MISSING.getRGB();
        int[] row = new int[frame.width()];
        for (int py = 0; py < frame.height(); py++) {
            double y = frame.y().valueAt(1 - (py + 0.5) / frame.height());
            int bin = nearestCell(y / panel.unitsPerBin(), panel.bins());
            for (int px = 0; px < row.length; px++) {
                int t = frameOfColumn[px];
                if (bin < 0 || t < 0) {
                    row[px] = background;
                    continue;
                }
                float value = panel.value(bin, t);
                row[px] = Float.isNaN(value) ? missing : colormap.rgb(range.fraction(value));
            }
            image.setRGB(frame.left(), frame.top() + py, row.length, 1, row, 0, row.length);
        }
    }

    /**
     * Draws a vertical colour bar, low values at the bottom, with ticks and labels on its right and
     * an optional title right of those.
     *
     * @param bar where the colour strip goes, pixels
     * @param ticks the labelled values, within {@code range}
     * @param valueLabel the bar's title, or null for none
     */
    static void paintColorBar(Canvas canvas, Rectangle2D bar, ValueRange range, Colormap colormap, Ticks ticks,
            String valueLabel) {
        Graphics2D g = canvas.graphics();
        int left = (int) bar.getX();
        int top = (int) bar.getY();
        int height = (int) bar.getHeight();
        for (int py = 0; py < height; py++) {
            g.setColor(new Color(colormap.rgb(1 - (py + 0.5) / height)));
            g.fillRect(left, top + py, (int) bar.getWidth(), 1);
        }
        g.setColor(Theme.AXIS);
        g.setStroke(Theme.HAIRLINE);
        g.draw(new Rectangle2D.Double(left - 0.5, top - 0.5, bar.getWidth() + 1, height + 1));
        double right = left + bar.getWidth();
        double[] values = ticks.values();
        String[] labels = ticks.labels();
        for (int i = 0; i < values.length; i++) {
            double py = AxisPainter.crisp(top + height - range.fraction(values[i]) * height);
            g.setColor(Theme.AXIS);
            g.draw(new Line2D.Double(right, py, right + Theme.TICK_LENGTH, py));
            g.setColor(Theme.TEXT);
            canvas.text(labels[i], Theme.TICK, right + Theme.TICK_LENGTH + Theme.GAP, py, 0, 0.5);
        }
        if (valueLabel != null) {
            double widest = Canvas.widest(labels, Theme.TICK);
            canvas.verticalText(valueLabel, Theme.LABEL, right + Theme.TICK_LENGTH + 2 * Theme.GAP + widest,
                    top + height / 2.0);
        }
    }

    /** @return space right of the data areas for the colour bar, its labels and title, pixels */
    static int rightMargin(Ticks ticks, String valueLabel) {
        double widest = Canvas.widest(ticks.labels(), Theme.TICK);
        double title = valueLabel == null ? 0 : Theme.GAP + Canvas.height(Theme.LABEL);
        return (int) Math.ceil(BAR_GAP + BAR_WIDTH + Theme.TICK_LENGTH + Theme.GAP + widest + title + Theme.MARGIN);
    }

    /** @return the cell whose centre is nearest {@code position} (in cells), or -1 outside {@code 0 .. count-1} */
    private static int nearestCell(double position, int count) {
        long cell = (long) Math.floor(position + 0.5);
        return cell >= 0 && cell < count ? (int) cell : -1;
    }
}
