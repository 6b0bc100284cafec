// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import static dev.flowvox.core.flow.TestArrays.largestDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.dsp.WindowedStream;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.quality.MelDistance;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

class MelRefinementTest extends NativeMemoryTest {

    private static final MelConfig MEL = MelConfig.nvidia22050();

    /** Audio whose STFT magnitudes are the targets is left as it is. */
    @Test
    void audioWithTheTargetMagnitudesIsAFixedPoint() throws Exception {
        float[] speech = speech();
        float[][] own = new Stft(MEL.stft()).magnitude(speech);
        float[] refined = new MelRefinement(MEL, 3).refine(speech, own);
        assertTrue(largestDifference(speech, refined) < 1e-4, "changed by " + largestDifference(speech, refined));
    }

    /** Each pass brings noise closer to the speech's magnitudes (a Griffin-Lim step cannot move away). */
    @Test
    void passesBringTheAudioTowardsTheMelsMagnitudes() throws Exception {
        float[] speech = speech();
        float[][] logMel = new MelSpectrogram(MEL).compute(speech);
        float[] noise = new float[speech.length];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * random.nextGaussian());
        }
        MelRefinement none = new MelRefinement(MEL, 0);
        float[][] targets = none.targets(logMel);
        double initial = MelDistance.l1(logMel, new MelSpectrogram(MEL).compute(noise));
        double previous = initial;
        for (int passes = 1; passes <= 3; passes++) {
            float[] audio = none.withPasses(passes).refine(noise, targets);
            double distance = MelDistance.l1(logMel, new MelSpectrogram(MEL).compute(audio));
            assertTrue(distance < previous, passes + " passes: mel L1 " + distance + " after " + previous);
            previous = distance;
        }
        assertTrue(previous < 0.5 * initial, "mel L1 " + initial + " of the noise, " + previous + " after 3 passes");
    }

    @Test
    void framesWithoutTargetsKeepTheirMagnitudes() throws Exception {
        float[] speech = speech();
        float[] refined = new MelRefinement(MEL, 2).refine(speech, new float[MEL.stft().bins()][0]);
        assertTrue(largestDifference(speech, refined) < 1e-4);
    }

    /** The margin is enough: refined piece by piece with a {@link WindowedStream}, as a stream is. */
    @Test
    void refinedInPiecesEqualsRefinedWhole() throws Exception {
        float[] speech = speech();
        MelRefinement refinement = new MelRefinement(MEL, 2);
        float[][] targets = refinement.targets(new MelSpectrogram(MEL).compute(speech));
        float[] whole = refinement.refine(speech, targets);
        int hop = MEL.hopLength();
        WindowedStream stream = new WindowedStream((window, first) -> refinement.refine(window,
                columns(targets, (int) (first / hop), window.length / hop + 1)), length -> length, hop, hop,
                refinement.marginSamples());
        float[] pieces = new float[0];
        for (int start = 0; start < speech.length; start += 1000) {
            float[] piece = Arrays.copyOfRange(speech, start, Math.min(speech.length, start + 1000));
            pieces = concat(pieces, stream.push(piece));
        }
        pieces = concat(pieces, stream.finish());
        assertEquals(whole.length, pieces.length);
        assertTrue(largestDifference(whole, pieces) < 1e-5, "pieces differ by " + largestDifference(whole, pieces));
    }

    /** On the shipped model, two passes halve the distance of copy synthesis to the mel it was given. */
    @Test
    void refinementBringsTheShippedModelsCopySynthesisCloserToItsMel() throws Exception {
        float[] speech = speech();
        try (VocoderModel model = ModelBundle.load(Path.of("..", "models", "default", "model.flowvox"), manager)) {
            float[][] logMel = new MelSpectrogram(model.info().mel()).compute(speech);
            Synthesizer synthesizer = model.synthesizer();
            double plain = MelDistance.l1(logMel, new MelSpectrogram(model.info().mel()).compute(
                    synthesizer.withRefinement(0).synthesize(logMel, 0.85, 7)));
            double refined = MelDistance.l1(logMel, new MelSpectrogram(model.info().mel()).compute(
                    synthesizer.withRefinement(2).synthesize(logMel, 0.85, 7)));
            assertTrue(refined < 0.6 * plain, "mel L1 " + refined + " refined against " + plain);
        }
    }

    /** The voiced gain applies only to a synthesis that refines, so one without stays the flow's inverse. */
    @Test
    void theVoicedGainAppliesOnlyWhenRefining() throws Exception {
        PitchPredictor predictor = new PitchPredictor(PitchPrediction.SPEECH, MEL);
        float[] residual = speech();
        PitchTrack track = predictor.track(new MelSpectrogram(MEL).compute(residual));
        float[] own = predictor.synthesis().next(residual, track);
        float[] atGain = predictor.synthesis(0.999).next(residual, track);
        assertTrue(largestDifference(own, atGain) > 1e-2, "the gain should change voiced speech");
        assertEquals(0, largestDifference(atGain,
                new MelRefinement(MEL, 2, 0.999).predictorSynthesis(predictor).next(residual, track)));
        assertEquals(0, largestDifference(own,
                new MelRefinement(MEL, 0, 0.999).predictorSynthesis(predictor).next(residual, track)));
        assertEquals(0, largestDifference(own,
                new MelRefinement(MEL, 2).predictorSynthesis(predictor).next(residual, track)));
        assertEquals(0.999, new MelRefinement(MEL, 2, 0.999).withPasses(1).voicedGain());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MelRefinement(MEL, 2, 1.0));
        assertEquals("voiced gain 1.0; expected 0 (the predictor's own) or a gain in (0, 1)", e.getMessage());
    }

    @Test
    void passesOutsideTheRangeAreRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MelRefinement(MEL, 9));
        assertEquals("9 refinement passes; expected 0 to 8", e.getMessage());
    }

    private static float[] speech() throws Exception {
        return WavReader.read(Fixtures.path("speech-22050.wav")).channels()[0];
    }

    private static float[][] columns(float[][] targets, int from, int count) {
        int available = Math.max(0, Math.min(count, targets[0].length - from));
        float[][] out = new float[targets.length][available];
        for (int k = 0; k < targets.length; k++) {
            System.arraycopy(targets[k], from, out[k], 0, available);
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
