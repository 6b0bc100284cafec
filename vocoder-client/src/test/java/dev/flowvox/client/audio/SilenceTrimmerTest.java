// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flowvox.core.audio.AudioClip;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class SilenceTrimmerTest {

    @Test
    void toneBetweenSilencesKeepsTheToneAndTheMargins() {
        int rate = 16000;
        float[] samples = new float[rate];
        for (int i = 4000; i < 8000; i++) {
            samples[i] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
        AudioClip trimmed = new SilenceTrimmer(-50, 40).trim(new AudioClip(samples, rate));
        assertEquals(4000 + 2 * 640, trimmed.length(), "tone plus 40 ms (640 samples) each side");
        assertEquals(0f, trimmed.samples()[0]);
    }

    @Test
    void quietNoiseBelowTheThresholdIsSilence() {
        int rate = 22050;
        float[] samples = new float[rate];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (1e-4 * (random.nextDouble() - 0.5));
        }
        for (int i = 11025; i < 12127; i++) {
            samples[i] = 0.3f * (i % 2 == 0 ? 1 : -1);
        }
        AudioClip trimmed = new SilenceTrimmer(-50, 0).trim(new AudioClip(samples, rate));
        assertEquals(6 * 220, trimmed.length(), "samples 11025-12126 lie in the 10 ms windows 50-55 of 220 samples");
    }

    @Test
    void allSilentClipIsReturnedUnchanged() {
        AudioClip silent = new AudioClip(new float[1000], 8000);
        assertSame(silent, SilenceTrimmer.DEFAULT.trim(silent));
    }
}
