// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.npy.Npz;
import dev.flowvox.core.quality.MelDistance;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GriffinLimTest {
    private static final MelConfig CONFIG = MelConfig.nvidia22050();
    private static float[][] fixtureMel;

    @BeforeAll
    static void loadMel() throws IOException {
        fixtureMel = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("mel").toMatrix();
    }

    @Test
    void melInversionReproducesTheMelItWasGiven() {
        float[][] magnitude = new MelInversion(CONFIG).magnitude(fixtureMel);
        float[][] remelled = logMel(magnitude);

        double l1 = MelDistance.l1(fixtureMel, remelled);
        assertTrue(l1 < 1e-4, "mel L1 after NNLS inversion " + l1 + "; measured 3.6e-5, expected < 1e-4");
    }

    @Test
    void reanalysedMelOfGriffinLimAudioIsCloseToTheInput() {
        float[] audio = new GriffinLim(CONFIG).synthesize(fixtureMel, 42);
        float[][] remelled = new MelSpectrogram(CONFIG).compute(audio);

        assertEquals(584 * 256, audio.length);
        assertEquals(585, remelled[0].length);
        double l1 = MelDistance.l1(fixtureMel, remelled);
        assertTrue(l1 < 0.2, "mel L1 after 60 iterations " + l1 + "; measured 0.170, expected < 0.2");
    }

    @Test
    void moreIterationsGiveACloserMel() {
        MelSpectrogram analysis = new MelSpectrogram(CONFIG);
        double none = MelDistance.l1(fixtureMel, analysis.compute(new GriffinLim(CONFIG, 0, 0.99)
                .synthesize(fixtureMel, 1)));
        double ten = MelDistance.l1(fixtureMel, analysis.compute(new GriffinLim(CONFIG, 10, 0.99)
                .synthesize(fixtureMel, 1)));
        assertTrue(none > 0.6 && ten < 0.25, "random phase " + none + ", 10 iterations " + ten);
    }

    @Test
    void sameSeedGivesIdenticalAudio() {
        float[][] excerpt = new float[80][];
        for (int m = 0; m < 80; m++) {
            excerpt[m] = Arrays.copyOf(fixtureMel[m], 60);
        }
        GriffinLim griffinLim = new GriffinLim(CONFIG, 5, 0.99);
        assertArrayEquals(griffinLim.synthesize(excerpt, 9), griffinLim.synthesize(excerpt, 9));
    }

    private static float[][] logMel(float[][] magnitude) {
        MelFilterbank filterbank = new MelFilterbank(CONFIG);
        int frames = magnitude[0].length;
        float[][] logMel = new float[CONFIG.nMels()][frames];
        double[] spectrum = new double[magnitude.length];
        double[] mel = new double[CONFIG.nMels()];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < spectrum.length; k++) {
                spectrum[k] = magnitude[k][t];
            }
            filterbank.apply(spectrum, mel);
            for (int m = 0; m < mel.length; m++) {
                logMel[m][t] = (float) Math.log(Math.max(mel[m], CONFIG.logFloor()));
            }
        }
        return logMel;
    }
}
