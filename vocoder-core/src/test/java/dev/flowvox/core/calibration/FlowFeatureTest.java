// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.score.LikelihoodScore;

import org.junit.jupiter.api.Test;

import java.util.List;

class FlowFeatureTest {

    /** Two segments of two groups of 4 samples; the second segment holds an all-zero latent group. */
    private static final LikelihoodScore SCORE = new LikelihoodScore(new double[] {-4, -8, 2, -2},
            new double[] {4, 40, 0, 8}, 4, 8000, 1);

    @Test
    void groupExtremesAreInDecibelsOfThePriorEnergy() {
        List<SegmentFeatures> segments = SegmentFeatures.ofScore(SCORE, new float[17], 8);
        assertEquals(SegmentFeatures.FLOW_FEATURES, FlowFeature.names());
        assertArrayEquals(new double[] {-1.5, 5.5, 0.0, 10.0}, segments.get(0).values(), 1e-12);
        assertArrayEquals(new double[] {0.0, 1.0, FlowFeature.FLOOR_DB, 3.0103}, segments.get(1).values(), 1e-4);
    }

    @Test
    void featuresAreSelectedByNameInTheCallersOrder() {
        List<SegmentFeatures> segments = SegmentFeatures.ofScore(SCORE, new float[17], 8,
                List.of("max_group_energy_db", "nats_per_sample"));
        assertArrayEquals(new double[] {10.0, -1.5}, segments.get(0).values(), 1e-12);
    }

    @Test
    void unknownFeatureIsRefusedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentFeatures.ofScore(SCORE, new float[17], 8, List.of("spectral_flatness")));
        assertTrue(e.getMessage().contains("spectral_flatness") && e.getMessage().contains("min_group_energy_db"),
                e.getMessage());
    }
}
