// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MelPitchTest {
    private static final MelConfig CONFIG = MelConfig.nvidia22050();
    private static final int RATE = CONFIG.sampleRate();

    @Test
    void harmonicTonesAreReadFromTheMelWithinTwoPercent() {
        MelPitch pitch = MelPitch.speech(CONFIG);
        MelSpectrogram mel = new MelSpectrogram(CONFIG);
        for (double f0 : new double[] {85.0, 120.0, 180.0, 260.0}) {
            PitchTrack track = pitch.track(mel.compute(harmonics(f0, 12)));
            int inside = 0;
            for (int t = 4; t < track.frames() - 4; t++) {
                assertTrue(track.voiced()[t], f0 + " Hz frame " + t + " unvoiced");
                double relative = Math.abs(track.f0Hz()[t] - f0) / f0;
                assertTrue(relative < 0.02, f0 + " Hz frame " + t + " read " + track.f0Hz()[t] + " Hz");
                inside++;
            }
            assertTrue(inside > 70);
        }
    }

    @Test
    void aShortWindowAtAHighRateStillTracksSpeechPitch() {
        MelConfig fast = new MelConfig(44100, 1024, 256, 1024, 80, 0, 11025, 1e-5);
        MelPitch pitch = MelPitch.speech(fast);
        assertTrue(pitch.maxLag() <= 1024 / 2 - 2, "two periods must fit the window, max lag " + pitch.maxLag());
        float[] tone = new float[44100];
        for (int n = 0; n < tone.length; n++) {
            for (int h = 1; h <= 8; h++) {
                tone[n] += (float) (0.2 / h * Math.sin(2 * Math.PI * 200 * h * n / 44100));
            }
        }
        PitchTrack track = pitch.track(new MelSpectrogram(fast).compute(tone));
        int t = track.frames() / 2;
        assertTrue(track.voiced()[t]);
        assertEquals(200, track.f0Hz()[t], 4);
    }

    @Test
    void noiseAndSilenceAreUnvoiced() {
        MelPitch pitch = MelPitch.speech(CONFIG);
        MelSpectrogram mel = new MelSpectrogram(CONFIG);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] noise = new float[RATE];
        for (int n = 0; n < noise.length; n++) {
            noise[n] = (float) (0.1 * random.nextGaussian());
        }
        for (float[] audio : new float[][] {noise, new float[RATE]}) {
            PitchTrack track = pitch.track(mel.compute(audio));
            for (int t = 0; t < track.frames(); t++) {
                assertTrue(!track.voiced()[t], "frame " + t + " voiced at " + track.f0Hz()[t] + " Hz");
            }
        }
    }

    @Test
    void eachFrameDependsOnItsOwnMelColumnOnly() {
        MelPitch pitch = MelPitch.speech(CONFIG);
        float[][] logMel = new MelSpectrogram(CONFIG).compute(SyntheticSpeech.audio(RATE, RATE));
        PitchTrack whole = pitch.track(logMel);
        int split = 37;
        PitchTrack first = pitch.track(columns(logMel, 0, split));
        PitchTrack rest = pitch.track(columns(logMel, split, logMel[0].length));
        float[] joined = Arrays.copyOf(first.f0Hz(), whole.frames());
        System.arraycopy(rest.f0Hz(), 0, joined, split, rest.frames());
        assertArrayEquals(whole.f0Hz(), joined);
        assertEquals(whole.frames(), first.frames() + rest.frames());
    }

    private static float[][] columns(float[][] logMel, int from, int to) {
        float[][] part = new float[logMel.length][];
        for (int band = 0; band < logMel.length; band++) {
            part[band] = Arrays.copyOfRange(logMel[band], from, to);
        }
        return part;
    }

    /** A second of {@code count} equal-amplitude harmonics of f0 below 5 kHz, with a 1/h roll-off. */
    private static float[] harmonics(double f0, int count) {
        float[] x = new float[RATE];
        for (int h = 1; h <= count && h * f0 < 5000; h++) {
            for (int n = 0; n < x.length; n++) {
                x[n] += (float) (0.2 / h * Math.sin(2 * Math.PI * h * f0 * n / RATE + 0.3 * h));
            }
        }
        return x;
    }
}
