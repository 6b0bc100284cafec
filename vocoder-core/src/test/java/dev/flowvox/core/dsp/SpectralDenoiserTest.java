// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpectralDenoiserTest {
    private static final int RATE = 22050;
    private static final StftConfig NVIDIA = new StftConfig(1024, 256, 1024);
    private static final int EDGE = 2048;

    @Test
    void stationaryBiasToneIsRemovedAndOtherToneKept() {
        double hum = 50 * RATE / 1024.0;
        double voice = 150 * RATE / 1024.0;
        float[] biasAudio = Signals.sine(hum, 0.1, RATE, 4096, Math.PI / 2);
        float[] mixture = add(Signals.sine(hum, 0.1, RATE, RATE, Math.PI / 2),
                Signals.sine(voice, 0.3, RATE, RATE, 0.2));

        float[] cleaned = SpectralDenoiser.fromBiasAudio(NVIDIA, biasAudio).denoise(mixture, 1.0);

        assertEquals(mixture.length, cleaned.length);
        double humLeftDb = 20 * Math.log10(toneAmplitude(cleaned, hum) / 0.1);
        double voiceGainDb = 20 * Math.log10(toneAmplitude(cleaned, voice) / 0.3);
        assertTrue(humLeftDb < -40, "bias tone attenuated by only " + humLeftDb + " dB; expected < -40");
        assertEquals(0, voiceGainDb, 0.1, "other tone gain in dB");
    }

    @Test
    void zeroStrengthReturnsTheInput() {
        float[] x = Signals.noise(11, 0.2, 5000);
        float[] bias = new float[NVIDIA.bins()];
        Arrays.fill(bias, 3f);
        float[] y = new SpectralDenoiser(NVIDIA, bias).denoise(x, 0);
        assertArrayEquals(x, y, 1e-5f);
    }

    /** Amplitude of the component at frequency f over the interior, by correlation (Hz). */
    private static double toneAmplitude(float[] x, double frequency) {
        double re = 0;
        double im = 0;
        int count = 0;
        int periods = (int) ((x.length - 2 * EDGE) * frequency / RATE);
        int end = EDGE + (int) Math.round(periods * RATE / frequency);
        for (int n = EDGE; n < end; n++) {
            double angle = 2 * Math.PI * frequency * n / RATE;
            re += x[n] * Math.cos(angle);
            im += x[n] * Math.sin(angle);
            count++;
        }
        return 2 * Math.hypot(re, im) / count;
    }

    private static float[] add(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int n = 0; n < a.length; n++) {
            sum[n] = a[n] + b[n];
        }
        return sum;
    }
}
