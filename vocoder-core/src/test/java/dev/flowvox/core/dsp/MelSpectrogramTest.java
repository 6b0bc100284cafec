// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.core.npy.Npz;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MelSpectrogramTest {

    @Test
    void logMelOfFixtureAudioMatchesReferenceTo1e3() throws IOException {
        Map<String, NpyArray> fixture = Npz.read(Fixtures.path("speech-22050.mel.npz"));
        float[][] expected = fixture.get("mel").toMatrix();

        float[][] actual = new MelSpectrogram(MelConfig.nvidia22050()).compute(fixture.get("audio").data());

        assertEquals(80, actual.length);
        assertEquals(585, actual[0].length);
        double maxError = 0;
        for (int m = 0; m < 80; m++) {
            for (int t = 0; t < 585; t++) {
                maxError = Math.max(maxError, Math.abs(expected[m][t] - actual[m][t]));
            }
        }
        assertTrue(maxError < 1e-3, "log-mel max abs error " + maxError + "; expected < 1e-3");
    }

    @Test
    void largestLogMelBoundsEveryFullScaleSignal() throws IOException {
        MelConfig config = MelConfig.nvidia22050();
        double bound = MelSpectrogram.largestLogMel(config);
        float[][] nvidiaBasis = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("mel_basis").toMatrix();
        double widest = 0;
        for (float[] band : nvidiaBasis) {
            double sum = 0;
            for (float weight : band) {
                sum += weight;
            }
            widest = Math.max(widest, sum);
        }
        assertEquals(Math.log(widest * config.winLength() / 2.0), bound, 1e-4, "from NVIDIA's mel basis and the Hann sum");

        double loudest = Double.NEGATIVE_INFINITY;
        MelSpectrogram mel = new MelSpectrogram(config);
        for (int halfPeriod : new int[] {1, 3, 20, 100}) {
            float[] square = new float[8192];
            for (int i = 0; i < square.length; i++) {
                square[i] = (i / halfPeriod) % 2 == 0 ? 1f : -1f;
            }
            loudest = Math.max(loudest, max(mel.compute(square)));
        }
        float[] constant = new float[8192];
        Arrays.fill(constant, 1f);
        loudest = Math.max(loudest, max(mel.compute(constant)));
        float[] signs = Signals.noise(3, 1.0, 8192);
        for (int i = 0; i < signs.length; i++) {
            signs[i] = Math.signum(signs[i]);
        }
        loudest = Math.max(loudest, max(mel.compute(signs)));
        assertTrue(loudest <= bound, "a full-scale signal reached " + loudest + " above the bound " + bound);
        assertTrue(loudest > bound - 1, "the bound " + bound + " is loose: the loudest signal reached " + loudest);
    }

    private static double max(float[][] mel) {
        double max = Double.NEGATIVE_INFINITY;
        for (float[] band : mel) {
            for (float value : band) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    @Test
    void reusedInstanceGivesIdenticalResults() throws IOException {
        float[] audio = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("audio").data();
        MelSpectrogram mel = new MelSpectrogram(MelConfig.nvidia22050());
        float[][] first = mel.compute(audio);
        mel.compute(Signals.noise(1, 0.3, 5000));
        float[][] again = mel.compute(audio);
        for (int m = 0; m < 80; m++) {
            assertArrayEquals(first[m], again[m]);
        }
    }

    @Test
    void silenceMapsToTheLogFloor() {
        float[][] mel = new MelSpectrogram(MelConfig.nvidia22050()).compute(new float[1000]);
        assertEquals(4, mel[0].length);
        assertEquals((float) Math.log(1e-5), mel[40][2]);
    }

    @Test
    void signalShorterThanThePaddingIsReflectedLikeNumpy() {
        float[] tiny = {0.5f, -0.25f, 0.125f};
        float[][] mel = new MelSpectrogram(MelConfig.nvidia22050()).compute(tiny);
        assertEquals(1, mel[0].length);
        // Reference: numpy.pad(x, 512, mode="reflect"), periodic Hann, rfft, fixture mel_basis.
        assertEquals(-2.0856869, mel[0][0], 1e-5);
        assertEquals((float) Math.log(1e-5), mel[79][0]);
    }

    @Test
    void emptySignalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MelSpectrogram(MelConfig.nvidia22050()).compute(new float[0]));
        assertEquals("empty signal; expected at least 1 sample to analyse", e.getMessage());
    }

    @Test
    void configRejectsFMaxAboveNyquist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MelConfig(16000, 1024, 256, 1024, 80, 0, 8001, 1e-5));
        assertEquals("fMax 8001.0 Hz; expected <= the Nyquist frequency 8000.0 Hz", e.getMessage());
    }
}
