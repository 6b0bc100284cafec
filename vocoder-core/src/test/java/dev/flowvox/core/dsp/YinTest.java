// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YinTest {
    private static final int RATE = 22050;

    @Test
    void harmonicTonesAreTrackedWithinOnePercent() {
        Yin yin = new Yin(YinConfig.speech(RATE));
        for (double f0 : new double[] {65.0, 110.0, 147.3, 220.5, 333.0, 480.0}) {
            PitchTrack track = yin.track(harmonic(f0, RATE));
            assertEquals(1 + (RATE - 1024) / 256, track.frames());
            for (int t = 0; t < track.frames(); t++) {
                assertTrue(track.voiced()[t], f0 + " Hz frame " + t + " unvoiced");
                double relative = Math.abs(track.f0Hz()[t] - f0) / f0;
                assertTrue(relative < 0.01, f0 + " Hz frame " + t + " read " + track.f0Hz()[t] + " Hz");
            }
        }
    }

    @Test
    void silenceAndWhiteNoiseAreUnvoiced() {
        Yin yin = new Yin(YinConfig.speech(RATE));
        PitchTrack silence = yin.track(new float[RATE]);
        PitchTrack noise = yin.track(Signals.noise(5, 0.3, RATE));

        for (int t = 0; t < silence.frames(); t++) {
            assertFalse(silence.voiced()[t]);
            assertEquals(0f, silence.f0Hz()[t]);
        }
        int voicedNoise = 0;
        for (boolean voiced : noise.voiced()) {
            voicedNoise += voiced ? 1 : 0;
        }
        assertEquals(0, voicedNoise, "noise frames judged voiced out of " + noise.frames());
    }

    @Test
    void speechDefaultsHoldTwoPeriodsOfTheLowestF0() {
        YinConfig config = YinConfig.speech(RATE);
        assertEquals(1024, config.frameLength());
        assertEquals(368, config.maxLag());
        assertEquals(44, config.minLag());
        assertEquals(0, config.frames(1023));
    }

    @Test
    void frameTooShortForFMinIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new YinConfig(RATE, 512, 256, 60, 500, 0.1));
        assertEquals("frame of 512 samples; expected at least 736 (two periods of fMin 60.0 Hz)", e.getMessage());
    }

    /** Five harmonics of decreasing amplitude, the fundamental strongest. */
    private static float[] harmonic(double f0, int rate) {
        float[] x = new float[rate];
        for (int h = 1; h <= 5; h++) {
            float[] partial = Signals.sine(h * f0, 0.3 / h, rate, rate, 0.7 * h);
            for (int n = 0; n < x.length; n++) {
                x[n] += partial[n];
            }
        }
        return x;
    }
}
