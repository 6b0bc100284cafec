// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick positions and their labels along one axis.
 *
 * <p>Linear axes get the finest grid of step {@code m · 10^e}, m in {1, 2, 5}, that has at most
 * {@code maxCount} ticks inside the range.
 * Values are computed as {@code k · m · 10^e} (never by repeated addition), so 0.6 prints as 0.6.
 * Log axes get 1-2-5 multiples of each decade when they fit, else every decade, else every n-th
 * decade; a range too narrow for two such ticks falls back to the linear grid.
 *
 * @param values tick positions in data units, ascending, inside the axis range
 * @param labels one label per value, locale-independent ({@code 0.2}, never {@code 0,2}), negative
 *     numbers and exponents written with the minus sign U+2212 ({@code −0.5}, {@code 2e−5})
 */
record Ticks(double[] values, String[] labels) {

    private static final int[] MANTISSAS = {1, 2, 5};
    private static final char MINUS = '\u2212';
    /** Relative slack when deciding whether a tick lies inside the range, against rounding. */
    private static final double EDGE_TOLERANCE = 1e-9;

    /** Validates the pairing and copies both arrays. */
    Ticks {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(values.length + " tick values but " + labels.length
                    + " labels; expected one label per value");
        }
        values = values.clone();
        labels = labels.clone();
    }

    /** @return a copy of the tick positions, data units */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return a copy of the labels */
    @Override
    public String[] labels() {
        return labels.clone();
    }

    /**
     * @param min low end of the range, finite
     * @param max high end, finite, greater than {@code min}
     * @param maxCount most ticks wanted, at least 2
     * @return the finest 1-2-5 grid with at most {@code maxCount} ticks in {@code [min, max]}
     */
    static Ticks linear(double min, double max, int maxCount) {
        checkRange(min, max, maxCount);
        int exponent = (int) Math.floor(Math.log10((max - min) / maxCount)) - 1;
        for (int i = 0; ; i++) {
            int mantissa = MANTISSAS[i % MANTISSAS.length];
            int e = exponent + i / MANTISSAS.length;
            double step = decimal(mantissa, e);
            long first = (long) Math.ceil(min / step - EDGE_TOLERANCE);
            long last = (long) Math.floor(max / step + EDGE_TOLERANCE);
            if (last - first + 1 <= maxCount) {
                return linearGrid(first, last, mantissa, e, Math.max(Math.abs(min), Math.abs(max)));
            }
        }
    }

    /**
     * @param min low end of the range, positive and finite
     * @param max high end, finite, greater than {@code min}
     * @param maxCount most ticks wanted, at least 2
     * @return decade-based ticks in {@code [min, max]}, or {@link #linear} ticks for narrow ranges
     */
    static Ticks logarithmic(double min, double max, int maxCount) {
        checkRange(min, max, maxCount);
        if (!(min > 0)) {
            throw new IllegalArgumentException("log axis from " + min + "; expected a start > 0");
        }
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        for (int[] mantissas : new int[][] {MANTISSAS, {1}}) {
            List<Double> values = decadeMultiples(min, max, low, high, mantissas, 1);
            if (values.size() >= 2 && values.size() <= maxCount) {
                return plainOrScientific(values);
            }
        }
        int stride = (int) Math.ceil((high - low + 1.0) / maxCount);
        List<Double> values = decadeMultiples(min, max, low, high, new int[] {1}, stride);
        if (values.size() >= 2 && values.size() <= maxCount) {
            return plainOrScientific(values);
        }
        return linear(min, max, maxCount);
    }

    private static void checkRange(double min, double max, int maxCount) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("tick range " + min + " .. " + max + "; expected finite min < max");
        }
        if (maxCount < 2) {
            throw new IllegalArgumentException("at most " + maxCount + " ticks; expected at least 2");
        }
    }

    private static Ticks linearGrid(long first, long last, int mantissa, int exponent, double largestMagnitude) {
        int count = (int) Math.max(0, last - first + 1);
        double[] values = new double[count];
        String[] labels = new String[count];
        boolean scientific = largestMagnitude >= 1e6 || exponent < -4;
        for (int i = 0; i < count; i++) {
            values[i] = decimal((first + i) * mantissa, exponent);
            String text = scientific ? scientific(values[i])
                    : String.format(Locale.ROOT, "%." + Math.max(0, -exponent) + "f", values[i]);
            labels[i] = text.replace('-', MINUS);
        }
        return new Ticks(values, labels);
    }

    private static List<Double> decadeMultiples(double min, double max, int low, int high, int[] mantissas,
            int stride) {
        List<Double> values = new ArrayList<>();
        for (int decade = Math.floorDiv(low, stride) * stride; decade <= high; decade += stride) {
            for (int mantissa : mantissas) {
                double value = decimal(mantissa, decade);
                if (value >= min * (1 - EDGE_TOLERANCE) && value <= max * (1 + EDGE_TOLERANCE)) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static Ticks plainOrScientific(List<Double> values) {
        double[] positions = new double[values.size()];
        String[] labels = new String[values.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = values.get(i);
            boolean plain = positions[i] >= 1e-4 && positions[i] < 1e5;
            String text = plain ? BigDecimal.valueOf(positions[i]).stripTrailingZeros().toPlainString()
                    : scientific(positions[i]);
            labels[i] = text.replace('-', MINUS);
        }
        return new Ticks(positions, labels);
    }

    /** @return {@code 2.5e-7}-style text with at most 6 significant digits; {@code 0} for zero */
    private static String scientific(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }

    /** @return {@code significand · 10^exponent}, dividing by an exact power of ten for negative exponents */
    private static double decimal(long significand, int exponent) {
        return exponent >= 0 ? significand * Math.pow(10, exponent) : significand / Math.pow(10, -exponent);
    }
}
