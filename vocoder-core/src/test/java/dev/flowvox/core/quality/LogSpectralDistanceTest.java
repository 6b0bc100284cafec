// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSpectralDistanceTest {

    @Test
    void identicalSignalsAreZeroDecibelsApart() {
        float[] x = noise(1, 0.1, 22050);
        assertEquals(0.0, new LogSpectralDistance(22050, 11025).between(x, x), 0.0);
    }

    @Test
    void doublingTheAmplitudeIsTwentyLog10TwoDecibels() {
        float[] x = noise(2, 0.1, 22050);
        float[] doubled = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            doubled[n] = 2 * x[n];
        }
        assertEquals(20 * Math.log10(2), new LogSpectralDistance(22050, 11025).between(x, doubled), 1e-4);
    }

    @Test
    void everythingMoreThanEightyDecibelsBelowTheReferencePeakCountsAsTheFloor() {
        float[] x = noise(3, 0.1, 8192);
        float[] silence = new float[8192];
        float[] whisper = new float[8192];
        for (int n = 0; n < x.length; n++) {
            whisper[n] = x[n] * 1e-6f;
        }
        LogSpectralDistance lsd = new LogSpectralDistance(22050, 11025);
        double toSilence = lsd.between(x, silence);
        assertEquals(toSilence, lsd.between(x, whisper), 1e-9);
        assertTrue(toSilence > 40 && toSilence < LogSpectralDistance.DYNAMIC_RANGE_DB,
                "white noise against silence: " + toSilence + " dB");
    }

    @Test
    void differencesAboveTheComparedBandDoNotCount() {
        // The tone fades in and out, so the STFT's reflect padding adds no broadband click at the ends.
        float[] x = noise(5, 0.1, 22050);
        float[] withHighTone = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            double envelope = Math.pow(Math.sin(Math.PI * n / x.length), 2);
            withHighTone[n] = x[n] + (float) (0.5 * envelope * Math.sin(2 * Math.PI * 10000 * n / 22050.0));
        }
        assertEquals(0.0, new LogSpectralDistance(22050, 8000).between(x, withHighTone), 1e-3);
        assertTrue(new LogSpectralDistance(22050, 11025).between(x, withHighTone) > 0.1);
    }

    @Test
    void theLongerSignalIsTruncatedToTheShorter() {
        float[] x = noise(4, 0.1, 10000);
        float[] longer = Arrays.copyOf(x, 15000);
        longer[12000] = 1f;
        assertEquals(0.0, new LogSpectralDistance(22050, 11025).between(x, longer), 0.0);
    }

    private static float[] noise(long seed, double sigma, int length) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (sigma * random.nextGaussian());
        }
        return x;
    }
}
