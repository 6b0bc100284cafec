// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.Fixtures;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.NvidiaCheckpoint;
import dev.flowvox.core.model.NvidiaConfig;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

class LikelihoodScorerTest extends NativeMemoryTest {

    /** Identity couplings and rotations preserve ‖x‖, so log p(x) is the standard normal density of x. */
    @Test
    void volumePreservingFlowGivesTheGaussianDensityOfTheAudio() {
        FlowConfig config = FlowConfig.nvidia(4, 4, 8, 2, 2, WaveNetConfig.dense(2, 8, 3));
        try (FlowParameters parameters = FlowParameters.initialize(config, manager, Initialization.nvidia(5));
                FlowWeights weights = parameters.fold(manager)) {
            LikelihoodScorer scorer = new LikelihoodScorer(new WaveGlow(parameters.layout(), weights), manager, 1.0, 22050);
            SplittableRandom random = new SplittableRandom(9);
            float[] audio = new float[512 + 5];
            double expected = 0;
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (float) (random.nextDouble() - 0.5);
                if (i < 512) {
                    expected += -0.5 * audio[i] * audio[i] - 0.5 * Math.log(2 * Math.PI);
                }
            }
            LikelihoodScore score = scorer.score(audio, randomMel(random, 4, 3));
            assertEquals(5, score.ignoredTailSamples());
            assertEquals(512, score.samples());
            assertEquals(expected, score.totalNats(), 1e-5 * Math.abs(expected));
            assertEquals(expected / 512, score.natsPerSample(), 1e-5);
            double energy = 0;
            for (int i = 0; i < 512; i++) {
                energy += audio[i] * audio[i];
            }
            assertEquals(energy / 512, score.segments(512).get(0).latentEnergy(), 1e-5);
        }
    }

    /**
     * With a pitch predictor in front of the same volume-preserving flow, log p(x) is the standard
     * normal density of the predictor's residual plus the predictor's log-determinant.
     */
    @Test
    void pitchPredictorAddsItsLogDeterminantToTheDensityOfTheResidual() {
        FlowConfig config = FlowConfig.nvidia(80, 4, 8, 2, 2, WaveNetConfig.dense(2, 8, 3))
                .withPitchPrediction(PitchPrediction.SPEECH);
        MelConfig melConfig = MelConfig.nvidia22050();
        PitchPredictor predictor = new PitchPredictor(PitchPrediction.SPEECH, melConfig);
        try (FlowParameters parameters = FlowParameters.initialize(config, manager, Initialization.nvidia(5));
                FlowWeights weights = parameters.fold(manager)) {
            LikelihoodScorer scorer = new LikelihoodScorer(new WaveGlow(parameters.layout(), weights), predictor, manager,
                    1.0, 22050);
            float[] audio = SyntheticSpeech.audio(4096, 22050);
            float[][] mel = new MelSpectrogram(melConfig).compute(audio);
            PitchTrack pitch = predictor.track(mel);
            float[] residual = predictor.residual(audio, pitch);
            double logDet = predictor.logDeterminant(pitch, 0, audio.length);
            double expected = logDet;
            for (float e : residual) {
                expected += -0.5 * e * e - 0.5 * Math.log(2 * Math.PI);
            }
            assertTrue(logDet > 1000, "the synthetic speech should be predicted, log det " + logDet);
            assertEquals(expected, scorer.score(audio, mel).totalNats(), 1e-5 * Math.abs(expected));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LikelihoodScorer(new WaveGlow(parameters.layout(), weights), manager, 1.0, 22050));
            assertTrue(e.getMessage().contains("expected a predictor that is on"), e.getMessage());
        }
    }

    /** NVIDIA's loss leaves out the normalising constant: log p / N = -loss - log(2π)/2 at sigma 1. */
    @Test
    void scoreOfNvidiaFixtureMatchesItsLossPlusTheConstant() throws Exception {
        FlowConfig config = NvidiaConfig.read(Fixtures.modelFile("config.json"));
        try (FlowParameters parameters = NvidiaCheckpoint.read(Fixtures.modelFile("weights.npz"), config, manager);
                FlowWeights weights = parameters.fold(manager);
                NDManager scratch = manager.newSubManager()) {
            NDList io = Fixtures.load(scratch, Fixtures.modelFile("io.npz"));
            float[] audio = Fixtures.get(io, "audio").toFloatArray();
            float[] melFlat = Fixtures.get(io, "mel").toFloatArray();
            int frames = (int) Fixtures.get(io, "mel").getShape().get(2);
            float[][] mel = new float[config.nMelChannels()][frames];
            for (int band = 0; band < mel.length; band++) {
                System.arraycopy(melFlat, band * frames, mel[band], 0, frames);
            }
            double loss = Fixtures.get(io, "loss").getFloat(0);
            LikelihoodScorer scorer = new LikelihoodScorer(new WaveGlow(parameters.layout(), weights), manager, 1.0, 22050);
            LikelihoodScore score = scorer.score(audio, mel);
            double expected = -loss - 0.5 * Math.log(2 * Math.PI);
            assertEquals(expected, score.natsPerSample(), 1e-4 * Math.abs(expected));
        }
    }

    @Test
    void segmentsAverageTheirGroups() {
        LikelihoodScore score = new LikelihoodScore(new double[] {8, 16, 24, 32, 40}, new double[] {4, 12, 16, 16, 4}, 8,
                8000, 0);
        List<LikelihoodScore.Segment> segments = score.segments(16);
        assertEquals(3, segments.size());
        assertEquals(1.5, segments.get(0).natsPerSample(), 1e-12);
        assertEquals(1.0, segments.get(0).latentEnergy(), 1e-12);
        assertEquals(2.0, segments.get(1).latentEnergy(), 1e-12);
        assertEquals(0.5, segments.get(2).latentEnergy(), 1e-12);
        assertEquals(0.5, segments.get(0).minGroupEnergy(), 1e-12);
        assertEquals(1.5, segments.get(0).maxGroupEnergy(), 1e-12);
        assertEquals(2.0, segments.get(1).minGroupEnergy(), 1e-12);
        assertEquals(0.5, segments.get(2).maxGroupEnergy(), 1e-12);
        assertEquals(3.5, segments.get(1).natsPerSample(), 1e-12);
        assertEquals(5.0, segments.get(2).natsPerSample(), 1e-12);
        assertEquals(32.0 / 8000, segments.get(2).startSeconds(), 1e-12);
        assertTrue(segments.get(2).endSample() == 40);
    }

    private static float[][] randomMel(SplittableRandom random, int bands, int frames) {
        float[][] mel = new float[bands][frames];
        for (float[] band : mel) {
            for (int t = 0; t < frames; t++) {
                band[t] = (float) random.nextGaussian();
            }
        }
        return mel;
    }
}
