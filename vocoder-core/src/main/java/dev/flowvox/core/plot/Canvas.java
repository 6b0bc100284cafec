// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * An off-screen RGB image with antialiased Java2D drawing and aligned text. Text is measured with
 * the same antialiasing and fractional metrics it is drawn with, so layouts computed before
 * drawing (without a canvas) hold.
 */
final class Canvas {

    /** The measuring context matching the rendering hints set in the constructor. */
    private static final FontRenderContext METRICS = new FontRenderContext(new AffineTransform(), true, true);

    private final BufferedImage image;
    private final Graphics2D graphics;

    /** Creates an image of {@code size} filled with the background colour. */
    Canvas(PixelSize size) {
        image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        graphics.setColor(Theme.BACKGROUND);
        graphics.fillRect(0, 0, size.width(), size.height());
    }

    /** @return the drawing context; its state (colour, stroke, clip) is the caller's to set */
    Graphics2D graphics() {
        return graphics;
    }

    /** @return the image being drawn on, for writing pixels directly */
    BufferedImage image() {
        return image;
    }

    /** @return the image; the canvas must not be drawn on afterwards */
    BufferedImage finish() {
        graphics.dispose();
        return image;
    }

    /** @return the advance width of {@code text} in {@code font}, pixels */
    static double width(String text, Font font) {
        return font.getStringBounds(text, METRICS).getWidth();
    }

    /** @return the largest advance width among {@code texts} in {@code font}, pixels; 0 for none */
    static double widest(String[] texts, Font font) {
        double widest = 0;
        for (String text : texts) {
            widest = Math.max(widest, width(text, font));
        }
        return widest;
    }

    /** @return ascent plus descent of {@code font}, pixels: the height a line of text needs */
    static double height(Font font) {
        LineMetrics metrics = font.getLineMetrics("Ag", METRICS);
        return metrics.getAscent() + metrics.getDescent();
    }

    /**
     * Draws one line of text in the current colour.
     *
     * @param x anchor x, pixels
     * @param y anchor y, pixels
     * @param alignX fraction of the text's width left of the anchor: 0 left-aligned, 0.5 centred,
     *     1 right-aligned
     * @param alignY fraction of the text's height ({@link #height(Font)}) above the anchor: 0 hangs
     *     below it, 0.5 centred, 1 sits on it
     */
    void text(String text, Font font, double x, double y, double alignX, double alignY) {
        LineMetrics metrics = font.getLineMetrics(text, METRICS);
        double left = x - alignX * width(text, font);
        double baseline = y - alignY * (metrics.getAscent() + metrics.getDescent()) + metrics.getAscent();
        graphics.setFont(font);
        graphics.drawString(text, (float) left, (float) baseline);
    }

    /**
     * Draws one line of text rotated a quarter turn anticlockwise (reading bottom to top), centred
     * vertically on {@code y} with its top edge at {@code left}.
     */
    void verticalText(String text, Font font, double left, double y) {
        AffineTransform saved = graphics.getTransform();
        graphics.translate(left, y);
        graphics.rotate(-Math.PI / 2);
        text(text, font, 0, 0, 0.5, 0);
        graphics.setTransform(saved);
    }
}
