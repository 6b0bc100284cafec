// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Axes around a data area: choosing ticks whose labels do not collide, the margins the labels
 * need, grid lines, the frame with outward ticks, tick labels and axis titles. Distances in pixels.
 */
final class AxisPainter {

    /** Preferred distance between neighbouring x ticks. */
    private static final int X_TICK_SPACING = 80;
    /** Preferred distance between neighbouring y ticks. */
    private static final int Y_TICK_SPACING = 45;
    /** Smallest free space between neighbouring tick labels. */
    private static final int LABEL_CLEARANCE = 10;

    private AxisPainter() {
    }

    /**
     * @param scale the axis range
     * @param lengthPixels length of the axis
     * @param horizontal whether labels sit side by side (x axis) rather than stacked (y axis)
     * @return the densest ticks, at about one per preferred spacing, whose labels keep clear of
     *     each other (down to two ticks)
     */
    static Ticks fitTicks(Scale scale, int lengthPixels, boolean horizontal) {
        int spacing = horizontal ? X_TICK_SPACING : Y_TICK_SPACING;
        for (int maxCount = Math.max(2, lengthPixels / spacing); ; maxCount--) {
            Ticks ticks = scale.ticks(maxCount);
            if (maxCount == 2 || labelsKeepClear(ticks, scale, lengthPixels, horizontal)) {
                return ticks;
            }
        }
    }

    /** @return space left of a data area for the y title, y tick labels and ticks */
    static int leftMargin(Ticks yTicks) {
        return (int) Math.ceil(Theme.MARGIN + Canvas.height(Theme.LABEL) + Theme.GAP
                + Canvas.widest(yTicks.labels(), Theme.TICK) + Theme.GAP + Theme.TICK_LENGTH);
    }

    /** @return how far the widest x tick label reaches past its tick on either side, pixels */
    static int labelOverhang(Ticks xTicks) {
        return (int) Math.ceil(Canvas.widest(xTicks.labels(), Theme.TICK) / 2);
    }

    /** @return space below a data area for the outward ticks and x tick labels */
    static int tickLabelHeight() {
        return (int) Math.ceil(Theme.TICK_LENGTH + Theme.GAP / 2.0 + Canvas.height(Theme.TICK));
    }

    /** @return space an axis title takes, text and gap */
    static int axisTitleHeight() {
        return (int) Math.ceil(Theme.GAP + Canvas.height(Theme.LABEL));
    }

    /** Draws grid lines at the ticks inside the data area. */
    static void paintGrid(Canvas canvas, PlotFrame frame, Ticks xTicks, Ticks yTicks) {
        Graphics2D g = canvas.graphics();
        g.setColor(Theme.GRID);
        g.setStroke(Theme.HAIRLINE);
        for (double x : xTicks.values()) {
            double px = crisp(frame.pixelX(x));
            g.draw(new Line2D.Double(px, frame.top(), px, frame.bottom()));
        }
        for (double y : yTicks.values()) {
            double py = crisp(frame.pixelY(y));
            g.draw(new Line2D.Double(frame.left(), py, frame.right(), py));
        }
    }

    /**
     * Draws the frame around the data area, outward ticks, tick labels and axis titles. The y title
     * is drawn against the image's left margin so titles of stacked panels line up.
     *
     * @param xLabel the x axis title, or null to draw none (upper panels of a stack)
     * @param yLabel the y axis title
     */
    static void paintAxes(Canvas canvas, PlotFrame frame, Ticks xTicks, Ticks yTicks, String xLabel, String yLabel) {
        Graphics2D g = canvas.graphics();
        g.setColor(Theme.AXIS);
        g.setStroke(Theme.HAIRLINE);
        g.draw(new Rectangle2D.Double(frame.left() - 0.5, frame.top() - 0.5, frame.width() + 1, frame.height() + 1));
        double[] xs = xTicks.values();
        String[] xLabels = xTicks.labels();
        for (int i = 0; i < xs.length; i++) {
            double px = crisp(frame.pixelX(xs[i]));
            g.setColor(Theme.AXIS);
            g.draw(new Line2D.Double(px, frame.bottom(), px, frame.bottom() + Theme.TICK_LENGTH));
            g.setColor(Theme.TEXT);
            canvas.text(xLabels[i], Theme.TICK, px, frame.bottom() + Theme.TICK_LENGTH + Theme.GAP / 2.0, 0.5, 0);
        }
        double[] ys = yTicks.values();
        String[] yLabels = yTicks.labels();
        for (int i = 0; i < ys.length; i++) {
            double py = crisp(frame.pixelY(ys[i]));
            g.setColor(Theme.AXIS);
            g.draw(new Line2D.Double(frame.left() - Theme.TICK_LENGTH, py, frame.left(), py));
            g.setColor(Theme.TEXT);
            canvas.text(yLabels[i], Theme.TICK, frame.left() - Theme.TICK_LENGTH - Theme.GAP, py, 1, 0.5);
        }
        g.setColor(Theme.TEXT);
        if (xLabel != null) {
            canvas.text(xLabel, Theme.LABEL, frame.left() + frame.width() / 2.0,
                    frame.bottom() + tickLabelHeight() + Theme.GAP, 0.5, 0);
        }
        canvas.verticalText(yLabel, Theme.LABEL, Theme.MARGIN, frame.top() + frame.height() / 2.0);
    }

    /** @return the centre of the pixel containing {@code coordinate}, where a 1-pixel line is sharp */
    static double crisp(double coordinate) {
        return Math.floor(coordinate) + 0.5;
    }

    private static boolean labelsKeepClear(Ticks ticks, Scale scale, int lengthPixels, boolean horizontal) {
        double[] values = ticks.values();
        String[] labels = ticks.labels();
        for (int i = 1; i < values.length; i++) {
            double distance = (scale.fraction(values[i]) - scale.fraction(values[i - 1])) * lengthPixels;
            double needed = horizontal
                    ? (Canvas.width(labels[i - 1], Theme.TICK) + Canvas.width(labels[i], Theme.TICK)) / 2
                    : Canvas.height(Theme.TICK);
            if (distance < needed + LABEL_CLEARANCE) {
                return false;
            }
        }
        return true;
    }
}
