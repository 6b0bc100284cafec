// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.audio.WavReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Flat tops, resolution, clicks, dropouts and DC offset on the fixture speech (16-bit) and on that speech
 * clipped, requantized, clicked, cut or offset.
 */
class SampleStatisticsTest {

    private static final int RATE = 22050;
    private static float[] speech;

    @BeforeAll
    static void readTheFixture() throws Exception {
        speech = WavReader.read(Fixtures.path("speech-22050.wav")).channels()[0];
    }

    @Test
    void sixteenBitSpeechHasFullResolutionAndAlmostNoFlatTops() {
        assertEquals(16, SampleStatistics.resolutionBits(speech));
        double share = SampleStatistics.flatTopShare(speech);
        assertTrue(share < 0.01, "flat-top share " + share);
    }

    @Test
    void hardClippingHoldsLoudSamplesAtTheRail() {
        float peak = 0;
        for (float sample : speech) {
            peak = Math.max(peak, Math.abs(sample));
        }
        float limit = 0.15f * peak;
        float[] clipped = new float[speech.length];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.max(-limit, Math.min(limit, speech[i])) * (peak / limit);
        }
        double share = SampleStatistics.flatTopShare(clipped);
        assertTrue(share > 0.2, "flat-top share of clipped speech " + share);
        assertEquals(16, SampleStatistics.resolutionBits(clipped), "clipping keeps the other samples' resolution");
    }

    @Test
    void requantizingLowersTheResolutionToItsBits() {
        for (int bits : new int[] {8, 10, 12}) {
            float step = (float) Math.pow(2, 1 - bits);
            float[] coarse = new float[speech.length];
            for (int i = 0; i < coarse.length; i++) {
                coarse[i] = Math.round(speech[i] / step) * step;
            }
            assertEquals(bits, SampleStatistics.resolutionBits(coarse), bits + "-bit speech");
        }
        float[] eightBit = new float[speech.length];
        for (int i = 0; i < eightBit.length; i++) {
            eightBit[i] = Math.round(speech[i] * 128) / 128f;
        }
        double share = SampleStatistics.flatTopShare(eightBit);
        assertTrue(share > 0.05, "8-bit speech rounds neighbours together: flat-top share " + share);
    }

    @Test
    void finerThanSixteenBitsCountsAsSixteenAndSilenceIsNeutral() {
        SplittableRandom random = new SplittableRandom(3);
        float[] noise = new float[22050];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * random.nextGaussian());
        }
        assertEquals(16, SampleStatistics.resolutionBits(noise));
        assertTrue(SampleStatistics.flatTopShare(noise) < 0.001, "float noise never repeats");
        float[] silence = new float[22050];
        assertEquals(16, SampleStatistics.resolutionBits(silence));
        assertEquals(0, SampleStatistics.flatTopShare(silence));
    }

    @Test
    void clicksAreCountedAndSpeechHasAlmostNone() {
        float[] recorded = recorded(speech);
        double clean = SampleStatistics.clickRate(recorded, RATE);
        assertTrue(clean < 0.5, "clicks per second in speech " + clean);
        float[] clicked = recorded.clone();
        float height = 0.5f * peak(recorded);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 777; i + 1 < clicked.length; i += RATE / 10) {
            float spike = random.nextBoolean() ? height : -height;
            clicked[i] += spike;
            clicked[i + 1] -= spike;
        }
        double rate = SampleStatistics.clickRate(clicked, RATE);
        assertTrue(rate > 8 && rate < 11, "10 clicks per second counted as " + rate);
    }

    @Test
    void aDropoutCutsSoundOffLoudlyWhereAFadeToSilenceIsQuiet() {
        float[] recorded = recorded(speech);
        assertEquals(SampleStatistics.DROPOUT_FLOOR_DB, SampleStatistics.dropoutEdgeDb(recorded, RATE),
                "audio without digital zeros");
        int length = (int) (0.15 * RATE);
        int start = loudest(recorded, length);
        float[] dropout = recorded.clone();
        Arrays.fill(dropout, start, start + length, 0f);
        double cut = SampleStatistics.dropoutEdgeDb(dropout, RATE);
        assertTrue(cut > -15, "edge of a dropout in loud speech " + cut + " dB");
        int fade = (int) (0.2 * RATE);
        float[] faded = recorded.clone();
        for (int i = 0; i < fade; i++) {
            double gain = Math.pow(Math.sin(Math.PI / 2 * i / fade), 2);
            faded[start - 1 - i] *= (float) gain;
            faded[start + length + i] *= (float) gain;
        }
        Arrays.fill(faded, start, start + length, 0f);
        double quiet = SampleStatistics.dropoutEdgeDb(faded, RATE);
        assertTrue(quiet < -40, "edge of a fade to digital silence " + quiet + " dB");
        assertTrue(SampleStatistics.dropoutEdgeDb(speech, RATE) > -30,
                "the fixture (espeak-ng's speech) stops its sounds abruptly into digital silence");
    }

    @Test
    void aDcOffsetIsMeasuredAgainstTheClipsRmsWhateverItsSign() {
        double own = SampleStatistics.dcOffsetDb(speech);
        assertTrue(own < -30, "the fixture speech averages to almost nothing: " + own + " dB");
        float[] up = speech.clone();
        float[] down = speech.clone();
        for (int i = 0; i < speech.length; i++) {
            up[i] += 0.1f;
            down[i] -= 0.1f;
        }
        double power = SampleStatistics.meanSquare(up, 0, up.length);
        double expected = 10 * Math.log10(0.01 / power);
        assertEquals(expected, SampleStatistics.dcOffsetDb(up), 0.2, "an offset of 0.1");
        assertEquals(SampleStatistics.dcOffsetDb(up), SampleStatistics.dcOffsetDb(down), 0.2, "an offset of -0.1");
        float[] constant = new float[RATE];
        Arrays.fill(constant, -0.3f);
        assertEquals(0, SampleStatistics.dcOffsetDb(constant), 1e-6, "a constant is all offset");
        assertEquals(SampleStatistics.DC_FLOOR_DB, SampleStatistics.dcOffsetDb(new float[RATE]), "digital silence");
    }

    /** The fixture as a recording has it: a noise floor at about -80 dBFS instead of digital silence. */
    private static float[] recorded(float[] audio) {
        SplittableRandom random = new SplittableRandom(9);
        float[] out = new float[audio.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = audio[i] + (float) (1e-4 * random.nextGaussian());
        }
        return out;
    }

    private static float peak(float[] audio) {
        float peak = 0;
        for (float sample : audio) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    private static int loudest(float[] audio, int length) {
        double best = -1;
        int where = 0;
        for (int start = length; start + 2 * length < audio.length; start += length / 4) {
            double energy = 0;
            for (int i = start; i < start + length; i++) {
                energy += audio[i] * audio[i];
            }
            if (energy > best) {
                best = energy;
                where = start;
            }
        }
        return where;
    }
}
