// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable line plot: titled axes with 1-2-5 ticks and a grid, one or more {@link Series},
 * optional horizontal {@link ReferenceBand}s and shaded {@link XRangeMarker}s, and a legend placed
 * in the corner of the data area that hides the fewest points.
 *
 * <p>Typical uses: a training curve (train loss and validation NLL, nats/sample, against step),
 * or a likelihood track (nats/sample against seconds) with a calibrated band and the worst
 * segments marked.
 *
 * <pre>{@code
 * LinePlot.builder().setTitle("Training").setXLabel("step").setYLabel("loss (nats/sample)")
 *         .addSeries(Series.of("train", steps, loss))
 *         .addSeries(Series.of("validation NLL", valSteps, nll))
 *         .build().writePng(Path.of("loss.png"));
 * }</pre>
 */
public final class LinePlot implements Figure {

    /** Blank space above and below the y data, as a fraction of its span. */
    private static final double Y_PADDING = 0.05;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final List<ReferenceBand> references;
    private final List<XRangeMarker> markers;
    private final Scale xScale;
    private final Scale yScale;

    private LinePlot(Builder builder, List<Series> coloured, Scale xScale, Scale yScale) {
        this.title = builder.title;
        this.xLabel = builder.xLabel;
        this.yLabel = builder.yLabel;
        this.series = List.copyOf(coloured);
        this.references = List.copyOf(builder.references);
        this.markers = List.copyOf(builder.markers);
        this.xScale = xScale;
        this.yScale = yScale;
    }

    /** @return a builder with no series, a linear y axis and automatic ranges */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the plot title */
    public String title() {
        return title;
    }

    /** @return the x axis title, with units */
    public String xLabel() {
        return xLabel;
    }

    /** @return the y axis title, with units */
    public String yLabel() {
        return yLabel;
    }

    /** @return the series in drawing order (later ones on top), each with its resolved colour */
    public List<Series> series() {
        return series;
    }

    /** @return the horizontal references, drawn under the series */
    public List<ReferenceBand> references() {
        return references;
    }

    /** @return the shaded x ranges, drawn under everything else */
    public List<XRangeMarker> markers() {
        return markers;
    }

    /** @return the x range shown */
    public Scale xScale() {
        return xScale;
    }

    /** @return the y range shown, logarithmic if requested */
    public Scale yScale() {
        return yScale;
    }

    /**
     * @param size image size
     * @return where {@link #render(PixelSize)} puts the data area and how values map to pixels
     * @throws IllegalArgumentException if the image is too small for the labels
     */
    public PlotFrame frame(PixelSize size) {
        int top = (int) Math.ceil(Theme.MARGIN + Canvas.height(Theme.TITLE) + 2 * Theme.GAP);
        int bottom = Theme.MARGIN + AxisPainter.tickLabelHeight() + AxisPainter.axisTitleHeight();
        int height = size.height() - top - bottom;
        int left = AxisPainter.leftMargin(AxisPainter.fitTicks(yScale, Math.max(height, 1), false));
        int right = Theme.MARGIN + 2 * Theme.GAP;
        Ticks xTicks = AxisPainter.fitTicks(xScale, Math.max(size.width() - left - right, 1), true);
        right = Math.max(right, Theme.MARGIN + AxisPainter.labelOverhang(xTicks));
        return new PlotFrame(left, top, size.width() - left - right, height, xScale, yScale);
    }

    @Override
    public BufferedImage render(PixelSize size) {
        return new LinePlotRenderer(this, frame(size)).render(size);
    }

    /** @return {@link PixelSize#DEFAULT}, 900 × 500 */
    @Override
    public PixelSize defaultSize() {
        return PixelSize.DEFAULT;
    }

    /** Collects the description; {@code setX} calls are required, {@code optX} calls optional. */
    public static final class Builder {
        private String title;
        private String xLabel;
        private String yLabel;
        private final List<Series> series = new ArrayList<>();
        private final List<ReferenceBand> references = new ArrayList<>();
        private final List<XRangeMarker> markers = new ArrayList<>();
        private boolean logY;
        private Scale xRange;
        private Scale yRange;

        private Builder() {
        }

        /** Sets the title drawn above the plot (required). */
        public Builder setTitle(String title) {
            this.title = title;
            return this;
        }

        /** Sets the x axis title, with units, such as {@code time (s)} (required). */
        public Builder setXLabel(String xLabel) {
            this.xLabel = xLabel;
            return this;
        }

        /** Sets the y axis title, with units, such as {@code log-likelihood (nats/sample)} (required). */
        public Builder setYLabel(String yLabel) {
            this.yLabel = yLabel;
            return this;
        }

        /** Adds a series (at least one is required); one without a colour gets the palette's next. */
        public Builder addSeries(Series line) {
            series.add(line);
            return this;
        }

        /** Adds a horizontal reference line or band (optional). */
        public Builder addReference(ReferenceBand reference) {
            references.add(reference);
            return this;
        }

        /** Adds a shaded x range (optional). */
        public Builder addMarker(XRangeMarker marker) {
            markers.add(marker);
            return this;
        }

        /** Chooses a logarithmic y axis; default linear. Values ≤ 0 then leave gaps. */
        public Builder optLogY(boolean logarithmic) {
            this.logY = logarithmic;
            return this;
        }

        /** Fixes the x range; default: exactly the plotted points and markers. */
        public Builder optXRange(double min, double max) {
            this.xRange = Scale.linear(min, max);
            return this;
        }

        /**
         * Fixes the y range ({@code min > 0} on a log axis); default: the plotted points and
         * references plus 5% of their span above and below.
         */
        public Builder optYRange(double min, double max) {
            this.yRange = Scale.linear(min, max);
            return this;
        }

        /**
         * @return the plot
         * @throws IllegalArgumentException naming what is missing, or when no point can be placed
         *     and no range was fixed
         */
        public LinePlot build() {
            List<String> missing = new ArrayList<>();
            if (title == null || title.isBlank()) {
                missing.add("setTitle");
            }
            if (xLabel == null || xLabel.isBlank()) {
                missing.add("setXLabel");
            }
            if (yLabel == null || yLabel.isBlank()) {
                missing.add("setYLabel");
            }
            if (series.isEmpty()) {
                missing.add("addSeries");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("line plot is missing " + String.join(", ", missing)
                        + "; expected a title, both axis titles and at least one series");
            }
            List<Series> coloured = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                Series line = series.get(i);
                coloured.add(line.color() == null ? line.withColor(Palette.color(i)) : line);
            }
            return new LinePlot(this, coloured, xRange != null ? xRange : autoX(),
                    yRange != null ? new Scale(yRange.min(), yRange.max(), logY) : autoY());
        }

        private Scale autoX() {
            DataBounds bounds = new DataBounds(false);
            for (Series line : series) {
                double[] x = line.x();
                double[] y = line.y();
                for (int i = 0; i < x.length; i++) {
                    if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
                        bounds.include(x[i]);
                    }
                }
            }
            for (XRangeMarker marker : markers) {
                bounds.include(marker.from());
                bounds.include(marker.to());
            }
            return nonEmpty(bounds, "x").toScale(0);
        }

        private Scale autoY() {
            DataBounds bounds = new DataBounds(logY);
            for (Series line : series) {
                double[] x = line.x();
                double[] y = line.y();
                for (int i = 0; i < x.length; i++) {
                    if (Double.isFinite(x[i])) {
                        bounds.include(y[i]);
                    }
                }
            }
            for (ReferenceBand reference : references) {
                bounds.include(reference.lower());
                bounds.include(reference.upper());
            }
            return nonEmpty(bounds, "y").toScale(Y_PADDING);
        }

        private DataBounds nonEmpty(DataBounds bounds, String axis) {
            if (bounds.isEmpty()) {
                throw new IllegalArgumentException("no point of " + series.size() + " series has a finite x and y"
                        + (logY ? " > 0" : "") + " to size the " + axis + " axis; expected at least one, or a fixed "
                        + axis + " range");
            }
            return bounds;
        }
    }
}
