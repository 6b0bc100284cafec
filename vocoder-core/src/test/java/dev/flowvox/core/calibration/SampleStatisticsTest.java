// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.audio.WavReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** Flat tops and resolution on the fixture speech (16-bit) and on that speech clipped or requantized. */
class SampleStatisticsTest {

    private static float[] speech;

    @BeforeAll
    static void readTheFixture() throws Exception {
        speech = WavReader.read(Fixtures.path("speech-22050.wav")).channels()[0];
    }

    @Test
    void sixteenBitSpeechHasFullResolutionAndAlmostNoFlatTops() {
        assertEquals(16, SampleStatistics.resolutionBits(speech));
        double share = SampleStatistics.flatTopShare(speech);
        assertTrue(share < 0.01, "flat-top share " + share);
    }

    @Test
    void hardClippingHoldsLoudSamplesAtTheRail() {
        float peak = 0;
        for (float sample : speech) {
            peak = Math.max(peak, Math.abs(sample));
        }
        float limit = 0.15f * peak;
        float[] clipped = new float[speech.length];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.max(-limit, Math.min(limit, speech[i])) * (peak / limit);
        }
        double share = SampleStatistics.flatTopShare(clipped);
        assertTrue(share > 0.2, "flat-top share of clipped speech " + share);
        assertEquals(16, SampleStatistics.resolutionBits(clipped), "clipping keeps the other samples' resolution");
    }

    @Test
    void requantizingLowersTheResolutionToItsBits() {
        for (int bits : new int[] {8, 10, 12}) {
            float step = (float) Math.pow(2, 1 - bits);
            float[] coarse = new float[speech.length];
            for (int i = 0; i < coarse.length; i++) {
                coarse[i] = Math.round(speech[i] / step) * step;
            }
            assertEquals(bits, SampleStatistics.resolutionBits(coarse), bits + "-bit speech");
        }
        float[] eightBit = new float[speech.length];
        for (int i = 0; i < eightBit.length; i++) {
            eightBit[i] = Math.round(speech[i] * 128) / 128f;
        }
        double share = SampleStatistics.flatTopShare(eightBit);
        assertTrue(share > 0.05, "8-bit speech rounds neighbours together: flat-top share " + share);
    }

    @Test
    void finerThanSixteenBitsCountsAsSixteenAndSilenceIsNeutral() {
        SplittableRandom random = new SplittableRandom(3);
        float[] noise = new float[22050];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * random.nextGaussian());
        }
        assertEquals(16, SampleStatistics.resolutionBits(noise));
        assertTrue(SampleStatistics.flatTopShare(noise) < 0.001, "float noise never repeats");
        float[] silence = new float[22050];
        assertEquals(16, SampleStatistics.resolutionBits(silence));
        assertEquals(0, SampleStatistics.flatTopShare(silence));
    }
}
