// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import static dev.flowvox.core.plot.PngRoundTrip.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotSpectrogramTest {

    private static final int HOT = Colormap.VIRIDIS.rgb(1);
    private static final int COLD = Colormap.VIRIDIS.rgb(0);
    private static final int HOP = 256;
    private static final int RATE = 22050;

    @TempDir
    Path dir;

    private static float[][] withHotBin(int bins, int frames, int hotBin) {
        float[][] values = new float[bins][frames];
        Arrays.fill(values[hotBin], 1f);
        return values;
    }

    private static SpectrogramImage.Builder mel(float[][] values) {
        return SpectrogramImage.builder().setValues(values).setTitle("log-mel").setTiming(HOP, RATE)
                .optBinAxis("mel band", 1);
    }

    @Test
    void singleHotBinIsDrawnOnItsRowInTheLowerPart() throws IOException {
        SpectrogramImage image = mel(withHotBin(80, 50, 10)).build();
        BufferedImage png = PngRoundTrip.writeAndRead(image, PixelSize.DEFAULT, dir);
        assertEquals(900, png.getWidth());
        assertEquals(500, png.getHeight());
        PlotFrame frame = image.frame(PixelSize.DEFAULT);
        double hotRow = frame.pixelY(10);
        assertTrue(hotRow > frame.top() + 0.8 * frame.height(), "bin 10 of 80 near the bottom, row " + hotRow);
        for (int t : new int[] {0, 25, 49}) {
            double column = frame.pixelX(t * (double) HOP / RATE);
            assertEquals(HOT, rgb(png, column, hotRow), "frame " + t);
            assertEquals(COLD, rgb(png, column, frame.pixelY(11)), "frame " + t + ", bin 11");
            assertEquals(COLD, rgb(png, column, frame.pixelY(70)), "frame " + t + ", bin 70");
        }
    }

    @Test
    void singleHotFrameIsDrawnAtItsTimeInSeconds() throws IOException {
        float[][] values = new float[80][100];
        for (float[] bin : values) {
            bin[60] = 1f;
        }
        SpectrogramImage image = mel(values).build();
        BufferedImage png = PngRoundTrip.writeAndRead(image, PixelSize.DEFAULT, dir);
        PlotFrame frame = image.frame(PixelSize.DEFAULT);
        double seconds = 60 * 256 / 22050.0;
        assertEquals(HOT, rgb(png, frame.pixelX(seconds), frame.pixelY(40)));
        assertEquals(COLD, rgb(png, frame.pixelX(seconds - 256 / 22050.0), frame.pixelY(40)));
    }

    @Test
    void hertzAxisPlacesBinBAtBTimesUnitsPerBin() throws IOException {
        double hzPerBin = 22050 / 1024.0;
        SpectrogramImage image = SpectrogramImage.builder().setValues(withHotBin(513, 20, 100)).setTitle("STFT")
                .setTiming(HOP, RATE).optBinAxis("frequency (Hz)", hzPerBin).build();
        BufferedImage png = PngRoundTrip.writeAndRead(image, PixelSize.DEFAULT, dir);
        PlotFrame frame = image.frame(PixelSize.DEFAULT);
        assertEquals(-0.5 * hzPerBin, frame.y().min(), 1e-9);
        assertEquals(512.5 * hzPerBin, frame.y().max(), 1e-9);
        assertEquals(HOT, rgb(png, frame.pixelX(0.1), frame.pixelY(100 * hzPerBin)));
    }

    @Test
    void nanCellsAreGreyAndInfinitiesClipToTheEndsOfTheScale() throws IOException {
        float[][] values = withHotBin(80, 30, 10);
        Arrays.fill(values[40], Float.NaN);
        Arrays.fill(values[50], Float.NEGATIVE_INFINITY);
        Arrays.fill(values[60], Float.POSITIVE_INFINITY);
        SpectrogramImage image = mel(values).build();
        assertEquals(new ValueRange(0, 1), image.valueRange());
        BufferedImage png = PngRoundTrip.writeAndRead(image, PixelSize.DEFAULT, dir);
        PlotFrame frame = image.frame(PixelSize.DEFAULT);
        double column = frame.pixelX(0.2);
        assertEquals(0xD0D0D0, rgb(png, column, frame.pixelY(40)));
        assertEquals(COLD, rgb(png, column, frame.pixelY(50)));
        assertEquals(HOT, rgb(png, column, frame.pixelY(60)));
    }

    @Test
    void fixedRangeClipsAndDynamicRangeReachesDownFromTheMaximum() {
        float[][] values = {{-20f, 2f}, {-1f, Float.NEGATIVE_INFINITY}};
        assertEquals(new ValueRange(-20, 2), mel(values).build().valueRange());
        assertEquals(new ValueRange(-5, 5), mel(values).optValueRange(new ValueRange(-5, 5)).build().valueRange());
        ValueRange eighty = mel(values).optDynamicRange(ValueRange.NATURAL_LOG_80_DB).build().valueRange();
        assertEquals(2 - 9.2103404, eighty.min(), 1e-7);
        assertEquals(2, eighty.max(), 0);
    }

    @Test
    void constantMatrixGetsARangeOfOneEitherSideOfItsValue() {
        float[][] silence = new float[80][10];
        for (float[] bin : silence) {
            Arrays.fill(bin, -11.5f);
        }
        assertEquals(new ValueRange(-12.5, -10.5), mel(silence).build().valueRange());
    }

    @Test
    void equalColourBoundsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValueRange(3, 3));
        assertEquals("colour range 3.0 .. 3.0; expected finite bounds with min < max", e.getMessage());
    }

    @Test
    void emptyMatricesAreRejected() {
        IllegalArgumentException noBins = assertThrows(IllegalArgumentException.class,
                () -> mel(new float[0][0]).build());
        assertEquals("spectrogram of 0 bins × 0 frames; expected at least 1 × 1", noBins.getMessage());
        IllegalArgumentException noFrames = assertThrows(IllegalArgumentException.class,
                () -> mel(new float[80][0]).build());
        assertEquals("spectrogram of 80 bins × 0 frames; expected at least 1 × 1", noFrames.getMessage());
    }

    @Test
    void raggedMatrixIsRejected() {
        float[][] ragged = {new float[5], new float[5], new float[4]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mel(ragged).build());
        assertEquals("bin 2 has 4 frames; expected 5 like bin 0", e.getMessage());
    }

    @Test
    void matrixWithoutFiniteValuesIsRejected() {
        float[][] values = {{Float.NaN, Float.NEGATIVE_INFINITY}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mel(values).build());
        assertEquals("no finite value in a 1-row matrix; expected at least one to size the colour range",
                e.getMessage());
    }

    @Test
    void missingTimingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpectrogramImage.builder().setValues(new float[2][2]).setTitle("mel").build());
        assertEquals("spectrogram image is missing setTiming; expected values, a title, frame timing and a colormap",
                e.getMessage());
    }

    @Test
    void stackSharesTheUnionOfColourRangesAcrossPanels() throws IOException {
        float[][] quiet = withHotBin(80, 40, 10);
        float[][] loud = withHotBin(80, 40, 10);
        Arrays.fill(loud[10], 4f);
        SpectrogramStack stack = SpectrogramStack.builder().optTitle("original / flow")
                .addPanel(mel(quiet).setTitle("original").build())
                .addPanel(mel(loud).setTitle("flow").build()).build();
        assertEquals(new ValueRange(0, 4), stack.valueRange());
        BufferedImage png = PngRoundTrip.writeAndRead(stack, stack.defaultSize(), dir);
        assertEquals(900, png.getWidth());
        assertEquals(2 * 260 + 40, png.getHeight());
        List<PlotFrame> frames = stack.frames(stack.defaultSize());
        PlotFrame top = frames.get(0);
        PlotFrame bottom = frames.get(1);
        assertEquals(Colormap.VIRIDIS.rgb(0.25), rgb(png, top.pixelX(0.2), top.pixelY(10)));
        assertEquals(HOT, rgb(png, bottom.pixelX(0.2), bottom.pixelY(10)));
    }

    @Test
    void stackedPanelsShareOneTimeAxisSizedByTheLongest() throws IOException {
        SpectrogramStack stack = SpectrogramStack.builder()
                .addPanel(mel(withHotBin(80, 100, 10)).setTitle("original").build())
                .addPanel(mel(withHotBin(80, 60, 10)).setTitle("Griffin-Lim").build()).build();
        PixelSize size = new PixelSize(800, 600);
        List<PlotFrame> frames = stack.frames(size);
        PlotFrame top = frames.get(0);
        PlotFrame bottom = frames.get(1);
        assertEquals(top.x(), bottom.x());
        assertEquals(99.5 * HOP / RATE, top.x().max(), 1e-12);
        assertEquals(top.left(), bottom.left());
        assertEquals(top.width(), bottom.width());
        assertTrue(top.bottom() < bottom.top(), top.bottom() + " < " + bottom.top());
        BufferedImage png = PngRoundTrip.writeAndRead(stack, size, dir);
        double pastShortPanel = bottom.pixelX(80.0 * HOP / RATE);
        assertEquals(0xFFFFFF, rgb(png, pastShortPanel, bottom.pixelY(10)), "background past the 60th frame");
        assertEquals(HOT, rgb(png, top.pixelX(80.0 * HOP / RATE), top.pixelY(10)));
    }

    @Test
    void stackOfDifferentColormapsIsRejected() {
        SpectrogramStack.Builder builder = SpectrogramStack.builder()
                .addPanel(mel(withHotBin(4, 4, 1)).setTitle("original").build())
                .addPanel(mel(withHotBin(4, 4, 1)).setTitle("flow").optColormap(Colormap.MAGMA).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("panel 1 'flow' uses magma; expected viridis like panel 0 (the panels share one colour bar)",
                e.getMessage());
    }
}
