// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * Size of a rendered image.
 *
 * @param width image width in pixels, at least 1
 * @param height image height in pixels, at least 1
 */
public record PixelSize(int width, int height) {

    /** The default line-plot size, 900 × 500 pixels. */
    public static final PixelSize DEFAULT = new PixelSize(900, 500);

    /** Validates both dimensions. */
    public PixelSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size " + width + " × " + height
                    + " pixels; expected both >= 1");
        }
    }
}
