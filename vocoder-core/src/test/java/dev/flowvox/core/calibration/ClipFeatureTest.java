// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Resampler;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** The whole-clip statistics on real speech (the fixture) and on that speech made anomalous. */
class ClipFeatureTest {

    private static final MelConfig MEL = MelConfig.nvidia22050();
    private static float[] speech;
    private static double[] clean;

    @BeforeAll
    static void measureTheFixture() throws Exception {
        speech = WavReader.read(Fixtures.path("speech-22050.wav")).channels()[0];
        clean = measure(speech);
    }

    @Test
    void speechPlayedBackwardsTurnsTheOnsetSkewnessNegative() {
        float[] reversed = new float[speech.length];
        for (int i = 0; i < speech.length; i++) {
            reversed[i] = speech[speech.length - 1 - i];
        }
        double forward = clean[ClipFeature.ONSET_SKEWNESS.ordinal()];
        double backward = measure(reversed)[ClipFeature.ONSET_SKEWNESS.ordinal()];
        assertTrue(forward > 0 && backward < 0 && forward - backward > 0.4, "forward " + forward + ", backward " + backward);
    }

    @Test
    void anEchoRaisesTheEchoCorrelation() {
        float[] echoed = speech.clone();
        int delay = (int) (0.15 * MEL.sampleRate());
        for (int i = delay; i < echoed.length; i++) {
            echoed[i] += 0.6f * speech[i - delay];
        }
        double dry = clean[ClipFeature.ECHO_CORRELATION.ordinal()];
        double wet = measure(echoed)[ClipFeature.ECHO_CORRELATION.ordinal()];
        assertTrue(wet > dry + 0.1, "dry " + dry + ", with an echo " + wet);
    }

    @Test
    void bandLimitingLowersTheHighBand() {
        float[] narrow = new Resampler(8000, MEL.sampleRate()).resample(new Resampler(MEL.sampleRate(), 8000).resample(speech));
        double full = clean[ClipFeature.HIGH_BAND_DB.ordinal()];
        double limited = measure(Arrays.copyOf(narrow, speech.length))[ClipFeature.HIGH_BAND_DB.ordinal()];
        assertTrue(limited < full - 15, "full band " + full + " dB, limited to 4 kHz " + limited + " dB");
    }

    @Test
    void steadyNoiseAndAToneVaryFarLessThanSpeech() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        float[] noise = new float[speech.length];
        float[] tone = new float[speech.length];
        for (int i = 0; i < speech.length; i++) {
            noise[i] = (float) (0.05 * random.nextGaussian());
            tone[i] = (float) (0.05 * Math.sin(2 * Math.PI * 440.0 * i / MEL.sampleRate()));
        }
        double spoken = clean[ClipFeature.LOG_LEVEL_SPREAD.ordinal()];
        double steady = measure(noise)[ClipFeature.LOG_LEVEL_SPREAD.ordinal()];
        double sine = measure(tone)[ClipFeature.LOG_LEVEL_SPREAD.ordinal()];
        assertTrue(steady < spoken - 1.5 && sine < spoken - 1.5,
                "log level spread: speech " + spoken + ", white noise " + steady + ", tone " + sine);
    }

    @Test
    void statisticsIgnoreGain() {
        float[] quiet = speech.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= 0.3f;
        }
        double[] scaled = measure(quiet);
        for (ClipFeature feature : ClipFeature.values()) {
            double tolerance = feature == ClipFeature.HIGH_BAND_DB ? 0.5 : 0.05;
            assertEquals(clean[feature.ordinal()], scaled[feature.ordinal()], tolerance, feature.featureName());
        }
    }

    @Test
    void shortClipsHaveTheStatisticsTheyAreLongEnoughForAndNamesAreChecked() {
        double[] word = measure(Arrays.copyOf(speech, (int) (0.9 * MEL.sampleRate())));
        for (ClipFeature feature : ClipFeature.values()) {
            assertEquals(feature.minSeconds() > 0.9, Double.isNaN(word[feature.ordinal()]), feature.featureName());
        }
        assertTrue(Double.isNaN(word[ClipFeature.ECHO_CORRELATION.ordinal()]), "an echo needs more than a word");
        assertTrue(Double.isFinite(word[ClipFeature.CLICK_RATE.ordinal()]), "clicks are counted in a word");
        double[] syllable = measure(Arrays.copyOf(speech, (int) (0.4 * MEL.sampleRate())));
        assertTrue(Arrays.stream(syllable).allMatch(Double::isNaN), Arrays.toString(syllable));
        assertEquals(ClipFeature.values().length, clean.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipFeature.named("loudness"));
        assertTrue(e.getMessage().contains("onset_skewness"), e.getMessage());
    }

    private static double[] measure(float[] audio) {
        return ClipFeature.measure(audio, new MelSpectrogram(MEL).compute(audio), MEL);
    }
}
