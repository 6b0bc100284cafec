// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A figure that renders itself to an image. Rendering is headless (see the package description)
 * and deterministic.
 */
public interface Figure {

    /**
     * @param size image size
     * @return a new RGB image of exactly {@code size}
     * @throws IllegalArgumentException if the image is too small for the labels to leave a data
     *     area of {@value PlotFrame#MIN_SIDE} pixels a side
     */
    BufferedImage render(PixelSize size);

    /** @return the size {@link #writePng(Path)} renders at */
    PixelSize defaultSize();

    /**
     * Renders at {@link #defaultSize()} and writes a PNG file, replacing any existing one.
     *
     * @param file the PNG to write; its directory must exist
     */
    default void writePng(Path file) throws IOException {
        writePng(file, defaultSize());
    }

    /**
     * Renders at {@code size} and writes a PNG file, replacing any existing one.
     *
     * @param file the PNG to write; its directory must exist
     */
    default void writePng(Path file, PixelSize size) throws IOException {
        BufferedImage image = render(size);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no ImageIO writer for PNG; expected the JDK's built-in one (writing " + file + ")");
            }
        }
    }
}
