// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final int EDGE = 2000;

    @Test
    void sineSurvivesRoundTripThrough16kHzWithHighSnr() {
        float[] input = Signals.sine(1000, 0.5, 22050, 22050, 0.3);
        float[] down = new Resampler(22050, 16000).resample(input);
        float[] back = new Resampler(16000, 22050).resample(down);

        assertEquals(16000, down.length);
        assertEquals(22050, back.length);
        double downSnr = Signals.snrDb(Signals.sine(1000, 0.5, 16000, 16000, 0.3), down, EDGE, 16000 - EDGE);
        double roundTripSnr = Signals.snrDb(input, back, EDGE, 22050 - EDGE);
        assertTrue(downSnr > 40, "SNR at 16 kHz " + downSnr + " dB; expected > 40");
        assertTrue(roundTripSnr > 40, "round-trip SNR " + roundTripSnr + " dB; expected > 40");
    }

    @Test
    void toneAboveTheOutputNyquistIsRemovedNotAliased() {
        float[] input = Signals.sine(10000, 0.5, 22050, 22050, 0);
        float[] output = new Resampler(22050, 8000).resample(input);

        double attenuationDb = 20 * Math.log10(Signals.rms(output, EDGE, 8000 - EDGE) / (0.5 / Math.sqrt(2)));
        assertTrue(attenuationDb < -50, "10 kHz tone at 8 kHz output: " + attenuationDb + " dB; expected < -50");
    }

    @Test
    void passbandIsFlatTo90PercentAndStopbandBelow80DbFromNyquist() {
        Resampler resampler = new Resampler(44100, 16000);
        double passGainDb = gainDb(resampler, 0.90 * 8000);
        double stopGainDb = gainDb(resampler, 1.0 * 8000);
        double farStopGainDb = gainDb(resampler, 1.5 * 8000);

        assertEquals(0, passGainDb, 0.01, "gain at 7.2 kHz");
        assertTrue(stopGainDb < -80, "gain at 8 kHz " + stopGainDb + " dB; expected < -80");
        assertTrue(farStopGainDb < -80, "gain at 12 kHz " + farStopGainDb + " dB; expected < -80");
    }

    @Test
    void outputLengthIsRoundedProductOfLengthAndRateRatio() {
        assertEquals(14512, new Resampler(22050, 16000).outputLength(20000));
        assertEquals(1, new Resampler(48000, 8000).outputLength(3));
        assertEquals(0, new Resampler(48000, 8000).outputLength(2));
        assertEquals(6, new Resampler(8000, 22050).outputLength(2), "5.5125 rounds to 6");
        assertEquals(44100, new Resampler(22050, 44100).resample(new float[22050]).length);
    }

    @Test
    void coprimeRatesWithoutATapTableStillResampleAccurately() {
        float[] input = Signals.sine(500, 0.5, 8001, 8001, 0);
        float[] output = new Resampler(8001, 8000).resample(input);

        double snr = Signals.snrDb(Signals.sine(500, 0.5, 8000, 8000, 0), output, EDGE, 8000 - EDGE);
        assertTrue(snr > 60, "SNR " + snr + " dB; expected > 60");
    }

    @Test
    void studioRatesComeDownToTheModelRateWithoutAliasing() {
        for (int rate : new int[] {88200, 96000, 192000}) {
            Resampler resampler = new Resampler(rate, 22050);
            float[] tone = resampler.resample(Signals.sine(1000, 0.5, rate, rate, 0.3));
            double snr = Signals.snrDb(Signals.sine(1000, 0.5, 22050, 22050, 0.3), tone, EDGE, 22050 - EDGE);
            assertTrue(snr > 40, rate + " Hz: SNR of a 1 kHz tone " + snr + " dB; expected > 40");
            float[] ultrasound = resampler.resample(Signals.sine(20000, 0.5, rate, rate, 0));
            double attenuationDb = 20 * Math.log10(Signals.rms(ultrasound, EDGE, 22050 - EDGE) / (0.5 / Math.sqrt(2)));
            assertTrue(attenuationDb < -60, rate + " Hz: a 20 kHz tone at 22050 Hz output: " + attenuationDb + " dB");
        }
    }

    @Test
    void ratesOutsideTheSupportedRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Resampler(192001, 22050));
        assertEquals("input rate 192001 Hz; expected 8000..192000 Hz", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resampler(22050, 7999));
    }

    private static double gainDb(Resampler resampler, double frequency) {
        int n = resampler.inputRate();
        float[] out = resampler.resample(Signals.sine(frequency, 0.5, n, n, 0));
        int m = out.length;
        return 20 * Math.log10(Signals.rms(out, EDGE, m - EDGE) / (0.5 / Math.sqrt(2)));
    }
}
