// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import static dev.flowvox.core.plot.PngRoundTrip.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotLinePlotTest {

    private static final int BLUE = 0x0072B2;

    @TempDir
    Path dir;

    private static double[] range(int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] constant(int count, double value) {
        double[] y = new double[count];
        Arrays.fill(y, value);
        return y;
    }

    private static LinePlot.Builder axes() {
        return LinePlot.builder().setTitle("training").setXLabel("step").setYLabel("loss (nats/sample)");
    }

    @Test
    void writtenPngHasTheDefaultOrRequestedSize() throws IOException {
        LinePlot plot = axes().addSeries(Series.of("train", range(11), constant(11, 1))).build();
        Path file = dir.resolve("default.png");
        plot.writePng(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        BufferedImage small = PngRoundTrip.writeAndRead(plot, new PixelSize(640, 360), dir);
        assertEquals(640, small.getWidth());
        assertEquals(360, small.getHeight());
    }

    @Test
    void horizontalLineAtOneIsDrawnOnThePixelRowMappedFromOne() throws IOException {
        LinePlot plot = axes().addSeries(Series.of("train", range(11), constant(11, 1))).optYRange(0, 2).build();
        BufferedImage image = PngRoundTrip.writeAndRead(plot, PixelSize.DEFAULT, dir);
        PlotFrame frame = plot.frame(PixelSize.DEFAULT);
        double row = frame.pixelY(1);
        assertEquals(frame.top() + frame.height() / 2.0, row, 1e-9);
        for (int x = 1; x <= 9; x++) {
            assertEquals(BLUE, rgb(image, frame.pixelX(x), row), "at x = " + x);
        }
        assertNotEquals(BLUE, rgb(image, frame.pixelX(5), frame.pixelY(1.2)));
        assertNotEquals(BLUE, rgb(image, frame.pixelX(5), frame.pixelY(0.8)));
    }

    @Test
    void nanAndInfinitePointsLeaveAGapInsteadOfThrowing() throws IOException {
        double[] x = range(11);
        double[] y = constant(11, 1);
        y[5] = Double.NaN;
        y[8] = Double.POSITIVE_INFINITY;
        x[9] = Double.NEGATIVE_INFINITY;
        LinePlot plot = axes().addSeries(Series.of("train", x, y)).optYRange(0, 2).build();
        BufferedImage image = PngRoundTrip.writeAndRead(plot, PixelSize.DEFAULT, dir);
        PlotFrame frame = plot.frame(PixelSize.DEFAULT);
        double row = frame.pixelY(1);
        assertEquals(BLUE, rgb(image, frame.pixelX(3.5), row));
        assertNotEquals(BLUE, rgb(image, frame.pixelX(5), row), "gap around the NaN at x = 5");
        assertEquals(BLUE, rgb(image, frame.pixelX(6.5), row));
        assertNotEquals(BLUE, rgb(image, frame.pixelX(8.5), row), "gap around x = 8 (y = +Inf) and x = 9 (-Inf)");
    }

    @Test
    void autoRangeIsTightInXAndPaddedByFivePercentInY() {
        double[] y = {0, 2, 1};
        LinePlot plot = axes().addSeries(Series.of("train", new double[] {10, 20, 30}, y)).build();
        assertEquals(Scale.linear(10, 30), plot.xScale());
        assertEquals(-0.1, plot.yScale().min(), 1e-12);
        assertEquals(2.1, plot.yScale().max(), 1e-12);
    }

    @Test
    void constantSeriesGetsTenPercentAroundItsValueAndReferencesWidenTheRange() {
        LinePlot flat = axes().addSeries(Series.of("train", range(5), constant(5, 4))).build();
        assertEquals(3.6, flat.yScale().min(), 1e-12);
        assertEquals(4.4, flat.yScale().max(), 1e-12);
        LinePlot banded = axes().addSeries(Series.of("train", range(5), constant(5, 4)))
                .addReference(ReferenceBand.between("bounds", 2, 6)).build();
        assertEquals(1.8, banded.yScale().min(), 1e-12);
        assertEquals(6.2, banded.yScale().max(), 1e-12);
    }

    @Test
    void logAxisSkipsValuesAtOrBelowZeroAndSpansTheRestInDecades() throws IOException {
        LinePlot plot = axes().optLogY(true)
                .addSeries(Series.of("train", range(5), new double[] {0, -1, 1, 10, 100})).build();
        assertEquals(Math.pow(10, -0.1), plot.yScale().min(), 1e-12);
        assertEquals(Math.pow(10, 2.1), plot.yScale().max(), 1e-9);
        BufferedImage image = PngRoundTrip.writeAndRead(plot, PixelSize.DEFAULT, dir);
        PlotFrame frame = plot.frame(PixelSize.DEFAULT);
        assertEquals(BLUE, rgb(image, frame.pixelX(2.5), frame.pixelY(Math.sqrt(10))), "midway in log space");
    }

    @Test
    void seriesWithoutColourTakeThePaletteInOrderAndExplicitColoursAreKept() {
        LinePlot plot = axes().addSeries(Series.of("train", range(3), range(3)))
                .addSeries(new Series("validation", Color.MAGENTA, range(3), range(3)))
                .addSeries(Series.of("third", range(3), range(3))).build();
        assertEquals(BLUE, plot.series().get(0).color().getRGB() & 0xFFFFFF);
        assertEquals(Color.MAGENTA, plot.series().get(1).color());
        assertEquals(0x009E73, plot.series().get(2).color().getRGB() & 0xFFFFFF);
    }

    @Test
    void bandIsShadedGreenBetweenItsBoundsAndMarkerShadedRedOverItsRange() throws IOException {
        LinePlot plot = axes().addSeries(Series.of("score", range(11), constant(11, 1.8)))
                .addReference(ReferenceBand.between("calibrated bounds", 0.4, 0.8))
                .addMarker(XRangeMarker.of("worst segments", 6, 8)).optYRange(0, 2).build();
        BufferedImage image = PngRoundTrip.writeAndRead(plot, PixelSize.DEFAULT, dir);
        PlotFrame frame = plot.frame(PixelSize.DEFAULT);
        assertBlend(0x009E73, rgb(image, frame.pixelX(2.5), frame.pixelY(0.65)));
        assertBlend(0xD55E00, rgb(image, frame.pixelX(7.5), frame.pixelY(1.25)));
        int plain = rgb(image, frame.pixelX(2.5), frame.pixelY(1.25));
        assertEquals(plain >> 16 & 0xFF, plain & 0xFF, "neutral outside band and marker: " + Integer.toHexString(plain));
    }

    /** Asserts {@code actual} is {@code shade} at opacity 48/255 over white, within 1 per channel. */
    private static void assertBlend(int shade, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            double expected = 255 + ((shade >> shift & 0xFF) - 255) * 48 / 255.0;
            assertEquals(expected, actual >> shift & 0xFF, 1.0, Integer.toHexString(actual));
        }
    }

    @Test
    void seriesWithoutPointsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.of("train", new double[0], new double[0]));
        assertEquals("series 'train' has no points; expected at least one (x, y)", e.getMessage());
    }

    @Test
    void seriesWithUnequalLengthsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.of("train", range(3), range(2)));
        assertEquals("series 'train' has 3 x values and 2 y values; expected as many of each", e.getMessage());
    }

    @Test
    void missingTitleAndSeriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().setXLabel("step").setYLabel("loss").build());
        assertEquals("line plot is missing setTitle, addSeries; expected a title, both axis titles and at least one "
                + "series", e.getMessage());
    }

    @Test
    void seriesWithOnlyNanPointsNeedsAFixedRange() {
        LinePlot.Builder builder = axes().addSeries(Series.of("train", range(2), constant(2, Double.NaN)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("no point of 1 series has a finite x and y to size the x axis; expected at least one, or a fixed "
                + "x range", e.getMessage());
    }

    @Test
    void imageTooSmallForTheLabelsIsRejected() {
        LinePlot plot = axes().addSeries(Series.of("train", range(3), range(3))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plot.render(new PixelSize(120, 80)));
        assertTrue(e.getMessage().startsWith("data area "), e.getMessage());
    }
}
