// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlotFrameTest {

    @Test
    void minimumMapsToLeftAndBottomEdges() {
        PlotFrame frame = new PlotFrame(100, 50, 200, 100, Scale.linear(0, 10), Scale.linear(-1, 1));
        assertEquals(100, frame.pixelX(0), 1e-12);
        assertEquals(200, frame.pixelX(5), 1e-12);
        assertEquals(300, frame.pixelX(10), 1e-12);
        assertEquals(150, frame.pixelY(-1), 1e-12);
        assertEquals(100, frame.pixelY(0), 1e-12);
        assertEquals(50, frame.pixelY(1), 1e-12);
    }

    @Test
    void logAxisGivesEachDecadeTheSameLength() {
        PlotFrame frame = new PlotFrame(0, 0, 100, 100, Scale.linear(0, 1), Scale.logarithmic(1, 100));
        assertEquals(100, frame.pixelY(1), 1e-12);
        assertEquals(50, frame.pixelY(10), 1e-12);
        assertEquals(0, frame.pixelY(100), 1e-12);
        assertEquals(10, Scale.logarithmic(1, 100).valueAt(0.5), 1e-12);
    }

    @Test
    void logAxisThroughZeroIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scale.logarithmic(0, 10));
        assertEquals("log axis starting at 0.0; expected a start > 0", e.getMessage());
    }

    @Test
    void dataAreaSmallerThanTenPixelsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlotFrame(0, 0, 9, 40, Scale.linear(0, 1), Scale.linear(0, 1)));
        assertEquals("data area 9 × 40 pixels; expected at least 10 × 10 (enlarge the image or shorten the labels)",
                e.getMessage());
    }
}
