// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one {@link LinePlot} into a fresh image, back to front: grid, marked x ranges, reference
 * bands and lines, series (clipped to the data area), axes, legend, title.
 */
final class LinePlotRenderer {

    /**
     * Pixel coordinates are clamped to this distance outside the image so that far off-scale points
     * still give finite, rasterisable segments; the visible part of such a segment stays close to
     * the true direction because the clamp is far away.
     */
    private static final double FAR_PIXELS = 1e5;
    /** Diameter of the dot drawn for a point with gaps on both sides, pixels. */
    private static final double LONE_POINT_DIAMETER = 4;

    private final LinePlot plot;
    private final PlotFrame frame;
    private final List<Point2D> plotted = new ArrayList<>();

    /** @param frame the plot's frame for the image size being rendered */
    LinePlotRenderer(LinePlot plot, PlotFrame frame) {
        this.plot = plot;
        this.frame = frame;
    }

    /** @return the rendered image of {@code size} (the size {@code frame} was laid out for) */
    BufferedImage render(PixelSize size) {
        Canvas canvas = new Canvas(size);
        Graphics2D g = canvas.graphics();
        Ticks xTicks = AxisPainter.fitTicks(frame.x(), frame.width(), true);
        Ticks yTicks = AxisPainter.fitTicks(frame.y(), frame.height(), false);
        AxisPainter.paintGrid(canvas, frame, xTicks, yTicks);
        g.setClip(new Rectangle(frame.left(), frame.top(), frame.width(), frame.height()));
        paintMarkers(g);
        paintReferences(g);
        for (Series series : plot.series()) {
            paintSeries(g, series);
        }
        g.setClip(null);
        AxisPainter.paintAxes(canvas, frame, xTicks, yTicks, plot.xLabel(), plot.yLabel());
        new Legend(legendEntries()).paint(canvas, frame, plotted);
        g.setColor(Theme.TEXT);
        canvas.text(plot.title(), Theme.TITLE, frame.left() + frame.width() / 2.0, Theme.MARGIN, 0.5, 0);
        return canvas.finish();
    }

    private void paintMarkers(Graphics2D g) {
        for (XRangeMarker marker : plot.markers()) {
            double from = x(marker.from());
            g.setColor(Theme.shade(marker.color()));
            g.fill(new Rectangle2D.Double(from, frame.top(), x(marker.to()) - from, frame.height()));
        }
    }

    private void paintReferences(Graphics2D g) {
        for (ReferenceBand reference : plot.references()) {
            double upper = y(reference.upper());
            double lower = y(reference.lower());
            if (reference.isLine()) {
                g.setColor(reference.color());
                g.setStroke(Theme.DASHED);
                g.draw(new Line2D.Double(frame.left(), upper, frame.right(), upper));
                continue;
            }
            g.setColor(Theme.shade(reference.color()));
            g.fill(new Rectangle2D.Double(frame.left(), upper, frame.width(), lower - upper));
            g.setColor(reference.color());
            g.setStroke(Theme.HAIRLINE);
            g.draw(new Line2D.Double(frame.left(), upper, frame.right(), upper));
            g.draw(new Line2D.Double(frame.left(), lower, frame.right(), lower));
        }
    }

    /** Joins consecutive plottable points; an unplottable one ends the run, a run of one is a dot. */
    private void paintSeries(Graphics2D g, Series series) {
        double[] xs = series.x();
        double[] ys = series.y();
        Path2D.Double path = new Path2D.Double();
        List<Point2D> lonePoints = new ArrayList<>();
        int runLength = 0;
        for (int i = 0; i <= xs.length; i++) {
            boolean plottable = i < xs.length && frame.x().accepts(xs[i]) && frame.y().accepts(ys[i]);
            if (!plottable) {
                if (runLength == 1) {
                    lonePoints.add(path.getCurrentPoint());
                }
                runLength = 0;
                continue;
            }
            double px = x(xs[i]);
            double py = y(ys[i]);
            if (runLength == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
            runLength++;
            plotted.add(new Point2D.Double(px, py));
        }
        g.setColor(series.color());
        g.setStroke(Theme.SERIES);
        g.draw(path);
        double radius = LONE_POINT_DIAMETER / 2;
        for (Point2D point : lonePoints) {
            g.fill(new Ellipse2D.Double(point.getX() - radius, point.getY() - radius, 2 * radius, 2 * radius));
        }
    }

    private List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>();
        for (Series series : plot.series()) {
            entries.add(new Legend.Entry(series.name(), series.color(), Legend.Swatch.LINE));
        }
        for (ReferenceBand reference : plot.references()) {
            Legend.Swatch swatch = reference.isLine() ? Legend.Swatch.DASHED : Legend.Swatch.SHADE;
            entries.add(new Legend.Entry(reference.label(), reference.color(), swatch));
        }
        Map<String, Color> markerColors = new LinkedHashMap<>();
        for (XRangeMarker marker : plot.markers()) {
            markerColors.putIfAbsent(marker.label(), marker.color());
        }
        markerColors.forEach((label, color) -> entries.add(new Legend.Entry(label, color, Legend.Swatch.SHADE)));
        return entries;
    }

    private double x(double value) {
        return clampFar(frame.pixelX(value));
    }

    /** @return the pixel row of {@code value}; below the area for values a log axis cannot show */
    private double y(double value) {
        return frame.y().accepts(value) ? clampFar(frame.pixelY(value)) : frame.bottom() + 1;
    }

    private static double clampFar(double pixel) {
        return Math.max(-FAR_PIXELS, Math.min(FAR_PIXELS, pixel));
    }
}
