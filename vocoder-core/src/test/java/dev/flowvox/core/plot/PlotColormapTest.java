// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotColormapTest {

    @Test
    void endsAreTheFirstAndLastControlPoints() {
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1));
        assertEquals(0x000004, Colormap.MAGMA.rgb(0));
        assertEquals(0xFCFDBF, Colormap.MAGMA.rgb(1));
    }

    @Test
    void halfwayBetweenControlPointsIsTheRoundedChannelMean() {
        // viridis stops 0x440154 and 0x482878 are 1/9 apart: (0x44+0x48)/2, (1+40)/2 = 20.5 -> 21, (84+120)/2
        assertEquals(0x461566, Colormap.VIRIDIS.rgb(1.0 / 18));
    }

    @Test
    void positionsOutsideZeroToOneAreClamped() {
        assertEquals(Colormap.VIRIDIS.rgb(0), Colormap.VIRIDIS.rgb(-3));
        assertEquals(Colormap.VIRIDIS.rgb(1), Colormap.VIRIDIS.rgb(7));
        assertEquals(Colormap.VIRIDIS.rgb(1), Colormap.VIRIDIS.rgb(Double.POSITIVE_INFINITY));
    }

    @Test
    void luminanceRisesMonotonicallyAlongBothScales() {
        for (Colormap colormap : new Colormap[] {Colormap.VIRIDIS, Colormap.MAGMA}) {
            double previous = -1;
            for (int i = 0; i <= 200; i++) {
                int rgb = colormap.rgb(i / 200.0);
                double luminance = 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
                assertTrue(luminance > previous, colormap + " at " + i / 200.0);
                previous = luminance;
            }
        }
    }

    @Test
    void nanPositionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Colormap.VIRIDIS.rgb(Double.NaN));
        assertEquals("colour scale position NaN; expected a number (clamped to 0..1)", e.getMessage());
    }
}
