// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.SyntheticSpeech;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PitchPredictorTest {
    private static final MelConfig MEL = MelConfig.nvidia22050();
    private static final PitchPredictor PREDICTOR = new PitchPredictor(PitchPrediction.SPEECH, MEL);
    private static final float[] SPEECH = SyntheticSpeech.audio(MEL.sampleRate(), MEL.sampleRate());
    private static final PitchTrack PITCH = PREDICTOR.track(new MelSpectrogram(MEL).compute(SPEECH));

    @Test
    void synthesisInvertsAnalysis() {
        float[] residual = PREDICTOR.residual(SPEECH, PITCH);
        assertArrayEquals(SPEECH, PREDICTOR.synthesis().next(residual, PITCH), 1e-4f);
    }

    @Test
    void voicedSpeechLeavesASmallerResidual() {
        float[] residual = PREDICTOR.residual(SPEECH, PITCH);
        double scale = Math.sqrt(1 - 0.95 * 0.95);
        double before = 0;
        double after = 0;
        for (int n = 2048; n < SPEECH.length - 2048; n++) {
            before += SPEECH[n] * SPEECH[n];
            after += residual[n] * scale * residual[n] * scale;
        }
        assertTrue(after < 0.2 * before, "prediction error " + after + " of signal energy " + before);
    }

    @Test
    void chunkedSynthesisEqualsOnePass() {
        float[] residual = PREDICTOR.residual(SPEECH, PITCH);
        float[] whole = PREDICTOR.synthesis().next(residual, PITCH);
        PitchPredictor.Synthesis stream = PREDICTOR.synthesis();
        float[] chunked = new float[0];
        int[] cuts = {0, 100, 3000, 3001, 9000, 22050};
        for (int i = 0; i + 1 < cuts.length; i++) {
            float[] piece = stream.next(Arrays.copyOfRange(residual, cuts[i], cuts[i + 1]), PITCH);
            chunked = concat(chunked, piece);
        }
        assertArrayEquals(whole, chunked, 0f);
    }

    /** The analysis is linear: its Jacobian's columns are the residuals of unit impulses. */
    @Test
    void jacobianIsTriangularWithTheStatedLogDeterminant() {
        int samples = 1200;
        int offset = 6000;
        PitchTrack pitch = shifted(PITCH, offset / MEL.hopLength());
        double[] diagonal = new double[samples];
        for (int j = 0; j < samples; j++) {
            float[] impulse = new float[samples];
            impulse[j] = 1;
            float[] column = PREDICTOR.residual(impulse, pitch);
            for (int i = 0; i < j; i++) {
                assertEquals(0f, column[i], "output " + i + " depends on later input " + j);
            }
            diagonal[j] = column[j];
        }
        double logDet = 0;
        for (double d : diagonal) {
            logDet += Math.log(Math.abs(d));
        }
        assertEquals(logDet, PREDICTOR.logDeterminant(pitch, 0, samples), 1e-3);
        assertTrue(logDet > 100, "the excerpt should be voiced, log det " + logDet);
    }

    @Test
    void withoutPredictionEveryDirectionIsTheIdentity() {
        PitchPredictor none = PitchPredictor.none();
        PitchTrack unvoiced = none.track(new float[80][90]);
        assertArrayEquals(SPEECH, none.residual(SPEECH, unvoiced));
        assertArrayEquals(SPEECH, none.synthesis().next(SPEECH, unvoiced));
        assertEquals(0, none.logDeterminant(unvoiced, 0, SPEECH.length));
    }

    /** Synthesis holds each voiced run one frame past its edges, at the nearest voiced frame's f0. */
    @Test
    void synthesisHoldsVoicingOneFramePastEachEdge() {
        PitchTrack analysis = new PitchTrack(new float[] {0, 0, 0, 110, 120, 0, 0, 0, 130, 0, 140, 0, 0},
                new boolean[] {false, false, false, true, true, false, false, false, true, false, true, false, false});
        PitchTrack held = PitchPredictor.heldForSynthesis(analysis);
        assertArrayEquals(new boolean[] {false, false, true, true, true, true, false, true, true, true, true, true, false},
                held.voiced());
        assertArrayEquals(new float[] {0, 0, 110, 110, 120, 120, 0, 130, 130, 130, 140, 140, 0}, held.f0Hz());
        assertArrayEquals(new boolean[] {false, false, false, true, true, false, false, false, true, false, true, false,
            false}, analysis.voiced(), "the analysis track is left as it was");
    }

    /**
     * With a gain of its own, synthesis runs the recursion at that gain: on a voiced track of constant
     * period P = 100 samples, {@code x[n] = g·x[n - P] + sqrt(1 - g²)·e[n]}, written out here.
     */
    @Test
    void synthesisWithAnotherGainRunsTheRecursionAtThatGain() {
        int samples = 4 * MEL.hopLength();
        int frames = samples / MEL.hopLength() + 1;
        float[] f0 = new float[frames];
        boolean[] voiced = new boolean[frames];
        Arrays.fill(f0, MEL.sampleRate() / 100f);
        Arrays.fill(voiced, true);
        PitchTrack constant = new PitchTrack(f0, voiced);
        float[] residual = Arrays.copyOf(SPEECH, samples);
        double gain = 0.999;
        float[] expected = new float[samples];
        for (int n = 0; n < samples; n++) {
            double earlier = n >= 100 ? expected[n - 100] : 0;
            expected[n] = (float) (gain * earlier + Math.sqrt(1 - gain * gain) * residual[n]);
        }
        assertArrayEquals(expected, PREDICTOR.synthesis(gain).next(residual, constant), 1e-6f);
        assertArrayEquals(PREDICTOR.synthesis().next(residual, constant),
                PREDICTOR.synthesis(PitchPrediction.SPEECH.voicedGain()).next(residual, constant), 0f,
                "at the training gain it is the inverse of the analysis");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PREDICTOR.synthesis(1.0));
        assertEquals("synthesis gain 1.0; expected in (0, 1)", e.getMessage());
    }

    @Test
    void gainOutsideTheUnitIntervalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PitchPrediction(1, 0.1));
        assertEquals("pitch prediction gain 1.0; expected in [0, 1)", e.getMessage());
    }

    private static PitchTrack shifted(PitchTrack track, int frames) {
        return new PitchTrack(Arrays.copyOfRange(track.f0Hz(), frames, track.frames()),
                Arrays.copyOfRange(track.voiced(), frames, track.frames()));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
