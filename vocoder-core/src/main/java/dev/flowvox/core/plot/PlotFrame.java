// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * Where the data area of a figure lies in the image and how data values map to pixels. Pixel
 * coordinates are Java2D's: x grows to the right, y grows downwards, pixel (i, j) covers
 * {@code [i, i+1) × [j, j+1)}.
 *
 * @param left x of the area's left edge, pixels from the image's left edge
 * @param top y of the area's top edge, pixels from the image's top edge
 * @param width area width in pixels, at least {@value #MIN_SIDE}
 * @param height area height in pixels, at least {@value #MIN_SIDE}
 * @param x the horizontal data range, {@code x.min()} at the left edge
 * @param y the vertical data range, {@code y.min()} at the bottom edge
 */
public record PlotFrame(int left, int top, int width, int height, Scale x, Scale y) {

    /** Smallest data area side, pixels; below this the image is too small for its labels. */
    public static final int MIN_SIDE = 10;

    /** Validates the area. */
    public PlotFrame {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("data area " + width + " × " + height + " pixels; expected at least "
                    + MIN_SIDE + " × " + MIN_SIDE + " (enlarge the image or shorten the labels)");
        }
    }

    /** @return x of the area's right edge, pixels: {@code left + width} */
    public int right() {
        return left + width;
    }

    /** @return y of the area's bottom edge, pixels: {@code top + height} */
    public int bottom() {
        return top + height;
    }

    /**
     * @param value an x data value
     * @return its horizontal pixel coordinate (fractional; outside the area when out of range)
     */
    public double pixelX(double value) {
        return left + x.fraction(value) * width;
    }

    /**
     * @param value a y data value
     * @return its vertical pixel coordinate (fractional; larger values are higher up, so smaller)
     */
    public double pixelY(double value) {
        return bottom() - y.fraction(value) * height;
    }
}
