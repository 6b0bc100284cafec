// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable spectrogram heatmap: a bin-major matrix {@code [bins][frames]} (a log-mel
 * {@code [80][frames]}, a log-magnitude STFT {@code [fftSize/2 + 1][frames]}, …) drawn with a
 * {@link Colormap}, low bins at the bottom, time in seconds along x, and a colour bar.
 *
 * <p>Cell (b, t) is centred on {@code t · hopLength / sampleRate} seconds (frame t of a centred
 * STFT) and on {@code b · unitsPerBin} along y, so the axes run from half a cell before the first
 * to half a cell after the last. Several images can be stacked in one PNG, sharing time axis and
 * colour range, with {@link SpectrogramStack}.
 *
 * <pre>{@code
 * SpectrogramImage.builder().setValues(logMel).setTitle("original").setTiming(256, 22050)
 *         .optBinAxis("mel band", 1).optValueLabel("log magnitude (nats)")
 *         .optDynamicRange(ValueRange.NATURAL_LOG_80_DB).build().writePng(Path.of("mel.png"));
 * }</pre>
 */
public final class SpectrogramImage implements Figure {

    private final float[][] values;
    private final String title;
    private final int hopLength;
    private final int sampleRate;
    private final String binLabel;
    private final double unitsPerBin;
    private final String valueLabel;
    private final ValueRange valueRange;
    private final Colormap colormap;

    private SpectrogramImage(Builder builder, float[][] values, ValueRange valueRange) {
        this.values = values;
        this.title = builder.title;
        this.hopLength = builder.hopLength;
        this.sampleRate = builder.sampleRate;
        this.binLabel = builder.binLabel;
        this.unitsPerBin = builder.unitsPerBin;
        this.valueLabel = builder.valueLabel;
        this.valueRange = valueRange;
        this.colormap = builder.colormap;
    }

    /** @return a builder with a plain bin axis, an automatic colour range and viridis */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of bins (rows), at least 1 */
    public int bins() {
        return values.length;
    }

    /** @return the number of frames (columns), at least 1 */
    public int frames() {
        return values[0].length;
    }

    /** @return the value of cell (bin, frame), in the matrix's units */
    public float value(int bin, int frame) {
        return values[bin][frame];
    }

    /** @return the title drawn above the heatmap */
    public String title() {
        return title;
    }

    /** @return time between frame centres, seconds: {@code hopLength / sampleRate} */
    public double secondsPerFrame() {
        return (double) hopLength / sampleRate;
    }

    /** @return the y axis title, such as {@code mel band} or {@code frequency (Hz)} */
    public String binLabel() {
        return binLabel;
    }

    /** @return y axis units per bin: 1 for bin numbers, {@code sampleRate / fftSize} for Hz */
    public double unitsPerBin() {
        return unitsPerBin;
    }

    /** @return the colour bar title, or null when there is none */
    public String valueLabel() {
        return valueLabel;
    }

    /** @return the values spanned by the colour scale */
    public ValueRange valueRange() {
        return valueRange;
    }

    /** @return the colour scale */
    public Colormap colormap() {
        return colormap;
    }

    /** @return the y range: from half a bin below bin 0 to half a bin above the last, y units */
    Scale binScale() {
        return Scale.linear(-0.5 * unitsPerBin, (bins() - 0.5) * unitsPerBin);
    }

    /**
     * @param size image size
     * @return where {@link #render(PixelSize)} puts the heatmap and how seconds and bins map to
     *     pixels
     */
    public PlotFrame frame(PixelSize size) {
        return asStack().frames(size).get(0);
    }

    @Override
    public BufferedImage render(PixelSize size) {
        return asStack().render(size);
    }

    /** @return {@link PixelSize#DEFAULT}, 900 × 500 */
    @Override
    public PixelSize defaultSize() {
        return PixelSize.DEFAULT;
    }

    private SpectrogramStack asStack() {
        return SpectrogramStack.builder().addPanel(this).build();
    }

    /** Collects the description; {@code setX} calls are required, {@code optX} calls optional. */
    public static final class Builder {
        private float[][] values;
        private String title;
        private int hopLength;
        private int sampleRate;
        private String binLabel = "bin";
        private double unitsPerBin = 1;
        private String valueLabel;
        private ValueRange valueRange;
        private double dynamicRange = Double.NaN;
        private Colormap colormap = Colormap.VIRIDIS;

        private Builder() {
        }

        /** Sets the matrix, {@code [bins][frames]}, rectangular and non-empty (required; copied at build). */
        public Builder setValues(float[][] values) {
            this.values = values;
            return this;
        }

        /** Sets the title drawn above the heatmap (required). */
        public Builder setTitle(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the frame timing (required).
         *
         * @param hopLength frame advance, samples, at least 1
         * @param sampleRate audio rate, Hz, at least 1
         */
        public Builder setTiming(int hopLength, int sampleRate) {
            if (hopLength < 1 || sampleRate < 1) {
                throw new IllegalArgumentException("hop " + hopLength + " samples at " + sampleRate
                        + " Hz; expected both >= 1");
            }
            this.hopLength = hopLength;
            this.sampleRate = sampleRate;
            return this;
        }

        /**
         * Names the y axis and its units; default {@code "bin"}, 1 unit per bin.
         *
         * @param label y axis title, such as {@code mel band} or {@code frequency (Hz)}
         * @param unitsPerBin y units per bin, positive: 1 to number bins, {@code sampleRate / fftSize}
         *     to show Hz on a linear-frequency STFT
         */
        public Builder optBinAxis(String label, double unitsPerBin) {
            if (label == null || label.isBlank() || !(unitsPerBin > 0 && Double.isFinite(unitsPerBin))) {
                throw new IllegalArgumentException("bin axis \"" + label + "\" at " + unitsPerBin
                        + " units per bin; expected a title and a finite step > 0");
            }
            this.binLabel = label;
            this.unitsPerBin = unitsPerBin;
            return this;
        }

        /** Titles the colour bar, with units, such as {@code log magnitude (nats)}; default none. */
        public Builder optValueLabel(String valueLabel) {
            this.valueLabel = valueLabel;
            return this;
        }

        /**
         * Fixes the colour range. Default: {@link ValueRange#spanning} the finite values (min..max),
         * or {@link #optDynamicRange} if set.
         */
        public Builder optValueRange(ValueRange valueRange) {
            this.valueRange = valueRange;
            return this;
        }

        /**
         * Spans the colour scale from {@code max - dynamicRange} to the largest finite value
         * ({@link ValueRange#belowMax}), so the floor of a log spectrogram does not take up the
         * scale; default off (min..max). Use {@link ValueRange#NATURAL_LOG_80_DB} for natural-log
         * magnitudes, 80 for dB.
         */
        public Builder optDynamicRange(double dynamicRange) {
            this.dynamicRange = dynamicRange;
            return this;
        }

        /** Chooses the colour scale; default {@link Colormap#VIRIDIS}. */
        public Builder optColormap(Colormap colormap) {
            this.colormap = colormap;
            return this;
        }

        /**
         * @return the image description
         * @throws IllegalArgumentException naming what is missing, for an empty or ragged matrix,
         *     for both a fixed range and a dynamic range, or when no value is finite
         */
        public SpectrogramImage build() {
            List<String> missing = new ArrayList<>();
            if (values == null) {
                missing.add("setValues");
            }
            if (title == null || title.isBlank()) {
                missing.add("setTitle");
            }
            if (hopLength == 0) {
                missing.add("setTiming");
            }
            if (colormap == null) {
                missing.add("optColormap (null given)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("spectrogram image is missing " + String.join(", ", missing)
                        + "; expected values, a title, frame timing and a colormap");
            }
            if (valueRange != null && !Double.isNaN(dynamicRange)) {
                throw new IllegalArgumentException("colour range " + valueRange + " and dynamic range " + dynamicRange
                        + " both set; expected at most one");
            }
            float[][] copy = rectangularCopy(values);
            ValueRange range = valueRange != null ? valueRange
                    : Double.isNaN(dynamicRange) ? ValueRange.spanning(copy) : ValueRange.belowMax(copy, dynamicRange);
            return new SpectrogramImage(this, copy, range);
        }

        private static float[][] rectangularCopy(float[][] values) {
            if (values.length == 0 || values[0].length == 0) {
                throw new IllegalArgumentException("spectrogram of " + values.length + " bins × "
                        + (values.length == 0 ? 0 : values[0].length) + " frames; expected at least 1 × 1");
            }
            float[][] copy = new float[values.length][];
            for (int b = 0; b < values.length; b++) {
                if (values[b].length != values[0].length) {
                    throw new IllegalArgumentException("bin " + b + " has " + values[b].length + " frames; expected "
                            + values[0].length + " like bin 0");
                }
                copy[b] = values[b].clone();
            }
            return copy;
        }
    }
}
