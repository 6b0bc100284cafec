// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelInversionTest {

    private static final MelConfig CONFIG = MelConfig.nvidia22050();

    /** Frames are solved side by side in blocks; each must come out exactly as if solved alone. */
    @Test
    void framesSolvedTogetherEqualFramesSolvedAlone() {
        float[][] mel = SyntheticSpeech.mel(80, 150);
        MelInversion inversion = new MelInversion(CONFIG, 30);
        float[][] together = inversion.magnitude(mel);
        for (int t = 0; t < 150; t += 7) {
            float[][] frame = new float[80][1];
            for (int m = 0; m < 80; m++) {
                frame[m][0] = mel[m][t];
            }
            float[][] alone = inversion.magnitude(frame);
            for (int k = 0; k < together.length; k++) {
                assertEquals(alone[k][0], together[k][t], "bin " + k + " of frame " + t);
            }
        }
    }

    /** Mels of non-negative spectra (so an exact solution exists) are reproduced. */
    @Test
    void theSolutionReproducesTheMelAndIsNonNegative() {
        MelFilterbank bank = new MelFilterbank(CONFIG);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[][] mel = new float[80][70];
        double[] source = new double[bank.bins()];
        double[] bands = new double[80];
        for (int t = 0; t < 70; t++) {
            for (int k = 0; k < source.length; k++) {
                source[k] = Math.exp(-k / 60.0) * random.nextDouble();
            }
            bank.apply(source, bands);
            for (int m = 0; m < 80; m++) {
                mel[m][t] = (float) Math.log(bands[m]);
            }
        }
        float[][] magnitude = new MelInversion(CONFIG).magnitude(mel);
        double[] spectrum = new double[bank.bins()];
        double[] projected = new double[80];
        double worst = 0;
        for (int t = 0; t < 70; t++) {
            for (int k = 0; k < spectrum.length; k++) {
                assertTrue(magnitude[k][t] >= 0, "bin " + k + " of frame " + t + " is " + magnitude[k][t]);
                spectrum[k] = magnitude[k][t];
            }
            bank.apply(spectrum, projected);
            double error = 0;
            double norm = 0;
            for (int m = 0; m < 80; m++) {
                double target = Math.exp(mel[m][t]);
                error += (projected[m] - target) * (projected[m] - target);
                norm += target * target;
            }
            worst = Math.max(worst, Math.sqrt(error / norm));
        }
        assertTrue(worst < 1e-3, "largest relative mel residual of a frame " + worst);
    }

    @Test
    void blockProjectionsEqualFrameByFrameProjections() {
        MelFilterbank bank = new MelFilterbank(CONFIG);
        int bins = bank.bins();
        int frames = 3;
        double[] spectra = new double[bins * frames];
        double[] mels = new double[80 * frames];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = Math.abs(Math.sin(i * 0.37));
        }
        for (int i = 0; i < mels.length; i++) {
            mels[i] = Math.cos(i * 1.3);
        }
        double[] projected = new double[80 * frames];
        double[] back = new double[bins * frames];
        bank.apply(spectra, projected, frames);
        bank.applyTransposed(mels, back, frames);
        for (int t = 0; t < frames; t++) {
            double[] spectrum = new double[bins];
            double[] mel = new double[80];
            for (int k = 0; k < bins; k++) {
                spectrum[k] = spectra[k * frames + t];
            }
            for (int m = 0; m < 80; m++) {
                mel[m] = mels[m * frames + t];
            }
            double[] oneProjected = new double[80];
            double[] oneBack = new double[bins];
            bank.apply(spectrum, oneProjected);
            bank.applyTransposed(mel, oneBack);
            for (int m = 0; m < 80; m++) {
                assertEquals(oneProjected[m], projected[m * frames + t], "band " + m + " of frame " + t);
            }
            for (int k = 0; k < bins; k++) {
                assertEquals(oneBack[k], back[k * frames + t], "bin " + k + " of frame " + t);
            }
        }
    }

    @Test
    void binsAboveTheHighestBandAreInNoBand() {
        MelFilterbank bank = new MelFilterbank(CONFIG);
        float[][] weights = bank.weights();
        int used = bank.usedBins();
        assertEquals(372, used, "8 kHz is bin 371.5 of 1024 at 22050 Hz");
        boolean lastUsed = false;
        for (float[] band : weights) {
            for (int k = used; k < band.length; k++) {
                assertEquals(0f, band[k], "bin " + k);
            }
            lastUsed |= band[used - 1] > 0;
        }
        assertTrue(lastUsed, "bin " + (used - 1) + " is in a band");
    }
}
