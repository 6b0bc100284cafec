// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlotTicksTest {

    @Test
    void zeroToSevenGetsUnitStepsWhenEightTicksAreAllowed() {
        Ticks ticks = Ticks.linear(0, 7, 8);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, ticks.values());
        assertArrayEquals(new String[] {"0", "1", "2", "3", "4", "5", "6", "7"}, ticks.labels());
    }

    @Test
    void zeroToSevenGetsStepTwoWhenFourTicksAreAllowed() {
        assertArrayEquals(new double[] {0, 2, 4, 6}, Ticks.linear(0, 7, 4).values());
    }

    @Test
    void fractionalRangeGetsPointTwoStepsWithOneDecimal() {
        Ticks ticks = Ticks.linear(0.013, 0.97, 5);
        assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8}, ticks.values());
        assertArrayEquals(new String[] {"0.2", "0.4", "0.6", "0.8"}, ticks.labels());
    }

    @Test
    void tickValuesAreTheNearestDoublesToTheDecimals() {
        assertArrayEquals(new double[] {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.linear(0, 1, 6).values(), 0.0);
        assertArrayEquals(new double[] {0.05, 0.1, 0.15}, Ticks.linear(0.03, 0.17, 3).values(), 0.0);
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTenForManyRanges() {
        double[][] ranges = {{-3.7, 12.2}, {1e-6, 3.1e-6}, {950, 100_000}, {-0.5, 0.5}, {17, 18}, {-250, -3}};
        for (double[] range : ranges) {
            for (int maxCount = 2; maxCount <= 12; maxCount++) {
                double[] values = Ticks.linear(range[0], range[1], maxCount).values();
                assertTrue(values.length >= 1 && values.length <= maxCount, range[0] + ".." + range[1]);
                assertTrue(values[0] >= range[0] && values[values.length - 1] <= range[1]);
                if (values.length > 1) {
                    double step = values[1] - values[0];
                    double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
                    assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6
                            || Math.abs(mantissa - 5) < 1e-6, "step " + step);
                    for (int i = 2; i < values.length; i++) {
                        assertEquals(step, values[i] - values[i - 1], step * 1e-9);
                    }
                }
            }
        }
    }

    @Test
    void negativeLabelsUseTheMinusSignAndPointsWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertArrayEquals(new String[] {"\u22121.0", "\u22120.5", "0.0", "0.5", "1.0"},
                    Ticks.linear(-1, 1, 5).labels());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void largeAndTinyValuesGetScientificLabels() {
        assertArrayEquals(new String[] {"0", "1e6", "2e6", "3e6"}, Ticks.linear(0, 3e6, 4).labels());
        assertArrayEquals(new String[] {"1e\u22125", "2e\u22125", "3e\u22125"}, Ticks.linear(1e-5, 3e-5, 3).labels());
    }

    @Test
    void logAxisGetsOneTwoFiveInEachDecadeWhenTheyFit() {
        Ticks ticks = Ticks.logarithmic(0.5, 30, 10);
        assertArrayEquals(new double[] {0.5, 1, 2, 5, 10, 20}, ticks.values(), 1e-12);
        assertArrayEquals(new String[] {"0.5", "1", "2", "5", "10", "20"}, ticks.labels());
    }

    @Test
    void logAxisFallsBackToWholeDecades() {
        Ticks ticks = Ticks.logarithmic(1e-3, 1e3, 8);
        assertArrayEquals(new double[] {1e-3, 1e-2, 0.1, 1, 10, 100, 1000}, ticks.values(), 1e-15);
        assertArrayEquals(new String[] {"0.001", "0.01", "0.1", "1", "10", "100", "1000"}, ticks.labels());
    }

    @Test
    void logAxisOverManyDecadesLabelsEveryThirdDecade() {
        Ticks ticks = Ticks.logarithmic(1e-10, 1, 4);
        assertArrayEquals(new double[] {1e-9, 1e-6, 1e-3, 1}, ticks.values(), 1e-18);
        assertArrayEquals(new String[] {"1e\u22129", "1e\u22126", "0.001", "1"}, ticks.labels());
    }

    @Test
    void narrowLogRangeFallsBackToLinearTicks() {
        assertArrayEquals(new double[] {3, 3.5, 4, 4.5}, Ticks.logarithmic(3, 4.5, 4).values());
    }

    @Test
    void emptyRangesAndTooFewTicksAreRejected() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Ticks.linear(1, 1, 5));
        assertEquals("tick range 1.0 .. 1.0; expected finite min < max", empty.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, 1, 1));
        assertEquals("at most 1 ticks; expected at least 2", few.getMessage());
    }
}
