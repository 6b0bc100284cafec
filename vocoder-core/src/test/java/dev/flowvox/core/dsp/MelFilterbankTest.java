// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.npy.Npz;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void nvidiaFilterbankMatchesLibrosaReferenceTo1e6() throws IOException {
        float[][] expected = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("mel_basis").toMatrix();
        float[][] actual = new MelFilterbank(MelConfig.nvidia22050()).weights();

        assertEquals(80, actual.length);
        assertEquals(513, actual[0].length);
        double maxError = 0;
        for (int m = 0; m < 80; m++) {
            for (int k = 0; k < 513; k++) {
                maxError = Math.max(maxError, Math.abs(expected[m][k] - actual[m][k]));
            }
        }
        assertTrue(maxError < 1e-6, "filterbank max abs error " + maxError + "; expected < 1e-6");
    }

    @Test
    void slaneyScaleIsLinearBelow1kHzAndLogarithmicAbove() {
        assertEquals(15.0, MelScale.hzToMel(1000), 1e-12);
        assertEquals(7.5, MelScale.hzToMel(500), 1e-12);
        assertEquals(15.0 + 27.0, MelScale.hzToMel(6400), 1e-12);
        assertEquals(6400, MelScale.melToHz(42.0), 1e-9);
    }

    @Test
    void transposedProjectionIsTheAdjointOfApply() {
        MelFilterbank bank = new MelFilterbank(MelConfig.nvidia22050());
        double[] spectrum = new double[513];
        double[] mel = new double[80];
        for (int k = 0; k < 513; k++) {
            spectrum[k] = Math.sin(k * 0.37);
        }
        for (int m = 0; m < 80; m++) {
            mel[m] = Math.cos(m * 1.3);
        }
        double[] projected = new double[80];
        double[] back = new double[513];
        bank.apply(spectrum, projected);
        bank.applyTransposed(mel, back);
        double left = 0;
        double right = 0;
        for (int m = 0; m < 80; m++) {
            left += projected[m] * mel[m];
        }
        for (int k = 0; k < 513; k++) {
            right += spectrum[k] * back[k];
        }
        assertEquals(left, right, 1e-12);
    }
}
