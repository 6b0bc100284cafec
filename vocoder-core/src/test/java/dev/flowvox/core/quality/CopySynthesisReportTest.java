// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CopySynthesisReportTest {

    @Test
    void theLowerMeasureWinsAndAnUndefinedOneLoses() {
        assertEquals("flow", CopySynthesisReport.better(1.0, 2.0));
        assertEquals("Griffin-Lim", CopySynthesisReport.better(2.0, 1.0));
        assertEquals("tie", CopySynthesisReport.better(1.0, 1.0));
        assertEquals("Griffin-Lim", CopySynthesisReport.better(Double.NaN, 0.01));
        assertEquals("flow", CopySynthesisReport.better(0.01, Double.NaN));
        assertEquals("neither (both undefined)", CopySynthesisReport.better(Double.NaN, Double.NaN));
    }
}
