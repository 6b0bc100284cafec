// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.npy.Npz;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MelArraysTest {

    private static final MelConfig CONFIG = MelConfig.nvidia22050();

    @Test
    void nvidiasMelOfSpeechIsWithinTheConvention() throws IOException {
        float[][] mel = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("mel").toMatrix();
        assertDoesNotThrow(() -> MelArrays.requireWithinConvention(mel, CONFIG));
    }

    @Test
    void theSameMelInDecibelsIsRefusedNamingItsFirstValueOverTheBound() throws IOException {
        float[][] mel = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("mel").toMatrix();
        int firstBand = -1;
        int firstFrame = -1;
        double bound = MelSpectrogram.largestLogMel(CONFIG) + Math.log(10);
        for (int band = 0; band < mel.length; band++) {
            for (int t = 0; t < mel[band].length; t++) {
                mel[band][t] = (float) (20 * mel[band][t] / Math.log(10));
                if (firstBand < 0 && mel[band][t] > bound) {
                    firstBand = band;
                    firstFrame = t;
                }
            }
        }
        assertTrue(firstBand >= 0, "speech in dB has values over " + bound);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MelArrays.requireWithinConvention(mel, CONFIG));
        assertTrue(e.getMessage().startsWith("mel value " + mel[firstBand][firstFrame] + " at band " + firstBand
                + ", frame " + firstFrame + " is above 5.53, 20 dB over the loudest"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(-11.5 in silence): is this mel in decibels or on another scale?"),
                e.getMessage());
    }

    @Test
    void theBoundIncludesTwentyDecibelsOfHeadroom() {
        float bound = (float) (MelSpectrogram.largestLogMel(CONFIG) + Math.log(10));
        float[][] atBound = {{-11.5f, Math.nextDown(bound)}};
        assertDoesNotThrow(() -> MelArrays.requireWithinConvention(atBound, CONFIG));
        float[][] above = {{-11.5f, Math.nextUp(bound + 1e-3f)}};
        assertThrows(IllegalArgumentException.class, () -> MelArrays.requireWithinConvention(above, CONFIG));
        float[][] huge = {{1e30f}};
        assertThrows(IllegalArgumentException.class, () -> MelArrays.requireWithinConvention(huge, CONFIG));
    }
}
