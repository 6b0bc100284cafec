// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes figures as PNG files and reads them back, as a user of the files would see them. */
final class PngRoundTrip {

    private PngRoundTrip() {
    }

    /** @return the decoded PNG of {@code figure} rendered at {@code size} into {@code dir} */
    static BufferedImage writeAndRead(Figure figure, PixelSize size, Path dir) throws IOException {
        Path file = dir.resolve("figure.png");
        figure.writePng(file, size);
        return ImageIO.read(file.toFile());
    }

    /** @return the colour of pixel (x, y) as {@code 0xRRGGBB} */
    static int rgb(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }
}
