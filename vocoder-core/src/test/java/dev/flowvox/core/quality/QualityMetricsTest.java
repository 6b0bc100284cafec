// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class QualityMetricsTest {

    /** A short clip with one octave error and a long clean one. */
    private static final List<QualityMetrics> CLIPS = List.of(
            new QualityMetrics(7, 0.2, (0.01 * 3 + 1.0) / 4, 0.05, 4, 1, 0.01),
            new QualityMetrics(7, 0.2, 0.005, 0.05, 100, 0, 0.005));

    @Test
    void theMeanOverClipsLetsTheShortClipsOctaveErrorDominate() {
        assertEquals(((0.03 + 1.0) / 4 + 0.005) / 2, QualityMetrics.mean(CLIPS, QualityMetrics::f0RelativeError),
                1e-12);
    }

    @Test
    void pooledMeasuresWeighEveryFrameVoicedInBothAlike() {
        assertEquals(1 / 104.0, QualityMetrics.grossF0ErrorRate(CLIPS), 1e-12);
        assertEquals((0.01 * 3 + 0.005 * 100) / 103, QualityMetrics.fineF0RelativeError(CLIPS), 1e-12);
    }

    @Test
    void clipsWithoutFramesVoicedInBothHaveNoPooledF0Measures() {
        List<QualityMetrics> unvoiced = List.of(new QualityMetrics(7, 0.2, Double.NaN, 1, 0, 0, Double.NaN));

        assertTrue(Double.isNaN(QualityMetrics.grossF0ErrorRate(unvoiced)));
        assertTrue(Double.isNaN(QualityMetrics.fineF0RelativeError(unvoiced)));
    }
}
