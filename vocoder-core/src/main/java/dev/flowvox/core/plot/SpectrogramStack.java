// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Spectrograms stacked vertically in one image, for comparisons such as "original / flow /
 * Griffin-Lim": each panel keeps its title and bin axis; all share one time axis (long enough for
 * the longest panel, titled only under the bottom one), one colour range and one colour bar.
 *
 * <p>The panels must agree on colormap and colour bar title, since they share the bar.
 */
public final class SpectrogramStack implements Figure {

    /** Default height per panel and extra height for a stack title, pixels. */
    private static final int PANEL_HEIGHT = 260;
    private static final int TITLED_EXTRA = 40;
    /** Space between one panel's tick labels and the next panel's title, pixels. */
    private static final int PANEL_SPACING = 2 * Theme.GAP;

    private final String title;
    private final List<SpectrogramImage> panels;
    private final ValueRange valueRange;

    private SpectrogramStack(String title, List<SpectrogramImage> panels, ValueRange valueRange) {
        this.title = title;
        this.panels = List.copyOf(panels);
        this.valueRange = valueRange;
    }

    /** @return a builder with no panels, no overall title and the panels' combined colour range */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the colour range every panel is drawn with */
    public ValueRange valueRange() {
        return valueRange;
    }

    /**
     * @param size image size
     * @return each panel's data area and mapping (seconds along x, bin units along y), top to bottom
     * @throws IllegalArgumentException if the image is too small for the panels and labels
     */
    public List<PlotFrame> frames(PixelSize size) {
        int n = panels.size();
        int top = Theme.MARGIN + (title == null ? 0 : (int) Math.ceil(Canvas.height(Theme.TITLE) + 2 * Theme.GAP));
        int panelTitle = (int) Math.ceil(Canvas.height(panelTitleFont()) + Theme.GAP);
        int bottom = AxisPainter.axisTitleHeight() + Theme.MARGIN;
        int chrome = n * (panelTitle + AxisPainter.tickLabelHeight()) + (n - 1) * PANEL_SPACING;
        int areaHeight = Math.max(1, (size.height() - top - bottom - chrome) / n);
        int left = 0;
        for (SpectrogramImage panel : panels) {
            left = Math.max(left, AxisPainter.leftMargin(AxisPainter.fitTicks(panel.binScale(), areaHeight, false)));
        }
        int barHeight = n * areaHeight + chrome - panelTitle - AxisPainter.tickLabelHeight();
        int right = HeatmapPainter.rightMargin(colorTicks(barHeight), panels.get(0).valueLabel());
        Scale time = timeScale();
        List<PlotFrame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int areaTop = top + panelTitle + i * (panelTitle + areaHeight + AxisPainter.tickLabelHeight()
                    + PANEL_SPACING);
            frames.add(new PlotFrame(left, areaTop, size.width() - left - right, areaHeight, time,
                    panels.get(i).binScale()));
        }
        return frames;
    }

    @Override
    public BufferedImage render(PixelSize size) {
        List<PlotFrame> frames = frames(size);
        Canvas canvas = new Canvas(size);
        BufferedImage pixels = canvas.image();
        Colormap colormap = panels.get(0).colormap();
        for (int i = 0; i < panels.size(); i++) {
            SpectrogramImage panel = panels.get(i);
            PlotFrame frame = frames.get(i);
            HeatmapPainter.paintCells(pixels, frame, panel, valueRange, colormap);
            Ticks xTicks = AxisPainter.fitTicks(frame.x(), frame.width(), true);
            Ticks yTicks = AxisPainter.fitTicks(frame.y(), frame.height(), false);
            String xLabel = i == panels.size() - 1 ? "time (s)" : null;
            AxisPainter.paintAxes(canvas, frame, xTicks, yTicks, xLabel, panel.binLabel());
            canvas.graphics().setColor(Theme.TEXT);
            canvas.text(panel.title(), panelTitleFont(), frame.left() + frame.width() / 2.0, frame.top() - Theme.GAP,
                    0.5, 1);
        }
        PlotFrame first = frames.get(0);
        PlotFrame last = frames.get(frames.size() - 1);
        int barHeight = last.bottom() - first.top();
        Rectangle2D bar = new Rectangle2D.Double(first.right() + HeatmapPainter.BAR_GAP, first.top(),
                HeatmapPainter.BAR_WIDTH, barHeight);
        HeatmapPainter.paintColorBar(canvas, bar, valueRange, colormap, colorTicks(barHeight),
                panels.get(0).valueLabel());
        if (title != null) {
            canvas.graphics().setColor(Theme.TEXT);
            canvas.text(title, Theme.TITLE, first.left() + first.width() / 2.0, Theme.MARGIN, 0.5, 0);
        }
        return canvas.finish();
    }

    /** @return 900 pixels wide, 260 pixels high per panel, plus 40 for an overall title */
    @Override
    public PixelSize defaultSize() {
        return new PixelSize(900, PANEL_HEIGHT * panels.size() + (title == null ? 0 : TITLED_EXTRA));
    }

    /** A lone panel's title is the figure's title and gets the title font. */
    private Font panelTitleFont() {
        return title == null && panels.size() == 1 ? Theme.TITLE : Theme.PANEL_TITLE;
    }

    private Ticks colorTicks(int barHeight) {
        return AxisPainter.fitTicks(Scale.linear(valueRange.min(), valueRange.max()), Math.max(barHeight, 1), false);
    }

    /** @return seconds from half a frame before 0 to half a frame after the longest panel's last frame */
    private Scale timeScale() {
        double start = 0;
        double end = 0;
        for (SpectrogramImage panel : panels) {
            start = Math.min(start, -0.5 * panel.secondsPerFrame());
            end = Math.max(end, (panel.frames() - 0.5) * panel.secondsPerFrame());
        }
        return Scale.linear(start, end);
    }

    /** Collects the panels; at least one {@link #addPanel} call is required. */
    public static final class Builder {
        private String title;
        private final List<SpectrogramImage> panels = new ArrayList<>();
        private ValueRange valueRange;

        private Builder() {
        }

        /** Sets an overall title above the panels; default none. */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /** Adds a panel below the previous ones (at least one required). */
        public Builder addPanel(SpectrogramImage panel) {
            panels.add(panel);
            return this;
        }

        /** Fixes the shared colour range; default: the union of the panels' own ranges. */
        public Builder optValueRange(ValueRange valueRange) {
            this.valueRange = valueRange;
            return this;
        }

        /**
         * @return the stack
         * @throws IllegalArgumentException without panels, or when panels differ in colormap or
         *     colour bar title
         */
        public SpectrogramStack build() {
            if (panels.isEmpty()) {
                throw new IllegalArgumentException("spectrogram stack of 0 panels; expected at least one addPanel");
            }
            SpectrogramImage first = panels.get(0);
            ValueRange union = first.valueRange();
            for (int i = 1; i < panels.size(); i++) {
                SpectrogramImage panel = panels.get(i);
                if (panel.colormap() != first.colormap()) {
                    throw new IllegalArgumentException("panel " + i + " '" + panel.title() + "' uses " + panel.colormap()
                            + "; expected " + first.colormap() + " like panel 0 (the panels share one colour bar)");
                }
                if (!Objects.equals(panel.valueLabel(), first.valueLabel())) {
                    throw new IllegalArgumentException("panel " + i + " '" + panel.title() + "' has colour bar title "
                            + panel.valueLabel() + "; expected " + first.valueLabel()
                            + " like panel 0 (the panels share one colour bar)");
                }
                union = union.union(panel.valueRange());
            }
            return new SpectrogramStack(title == null || title.isBlank() ? null : title, panels,
                    valueRange != null ? valueRange : union);
        }
    }
}
