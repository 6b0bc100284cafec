// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MelDistanceTest {

    @Test
    void meanAbsoluteDifferenceOverBandsAndCommonFrames() {
        float[][] reference = {{0, 1, 2}, {3, 4, 5}};
        float[][] test = {{1, 1, 0, 9}, {3, 2, 5, 9}};
        assertEquals((1 + 0 + 2 + 0 + 2 + 0) / 6.0, MelDistance.l1(reference, test), 1e-12);
    }

    @Test
    void differentBandCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MelDistance.l1(new float[80][3], new float[40][3]));
        assertEquals("40 mel bands; expected 80 like the reference (and at least 1)", e.getMessage());
    }
}
