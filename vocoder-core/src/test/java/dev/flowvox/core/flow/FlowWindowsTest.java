// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.model.NvidiaCheckpoint;
import dev.flowvox.core.model.NvidiaConfig;
import dev.flowvox.core.score.LikelihoodScore;
import dev.flowvox.core.score.LikelihoodScorer;
import dev.flowvox.core.synth.LatentNoise;
import dev.flowvox.core.synth.MelRefinement;
import dev.flowvox.core.synth.Synthesizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/**
 * Long audio runs through a flow in {@link FlowWindows}, with their exact context on each side.
 * Forced down to twelve windows over 8 s, scoring and synthesis must give the single pass's result
 * for a compact flow, a spectral flow behind a pitch predictor (both with non-trivial couplings)
 * and NVIDIA's layout (the fixture's weights, upsampled conditioning).
 */
class FlowWindowsTest extends NativeMemoryTest {

    private static final MelConfig MEL = MelConfig.nvidia22050();
    private static final float[] AUDIO = SyntheticSpeech.audio(8 * 22050 + 77, 22050);

    @Test
    void windowsCoverTheAudioOnceAndStartOnMelFrames() {
        FlowWindows windows = new FlowWindows(100, 30, 2);
        List<FlowWindows.Window> cut = windows.over(250);
        assertEquals(List.of(new FlowWindows.Window(0, 0, 100, 130), new FlowWindows.Window(70, 100, 200, 230),
                new FlowWindows.Window(170, 200, 250, 250)), cut);
        assertEquals(List.of(new FlowWindows.Window(0, 0, 7, 7)), windows.over(7));
        assertEquals(new FlowWindows(16384, 2048, 2), FlowWindows.of(FlowConfig.compact()));
        assertEquals(8 * 30 + 8 + 2, FlowWindows.contextGroups(FlowConfig.compact()));
    }

    @Test
    void compactFlowInWindowsEqualsOnePass() {
        try (FlowParameters parameters = FlowParameters.initialize(FlowConfig.compact(), manager, new Initialization(3, 1.0));
                FlowWeights weights = parameters.fold(manager)) {
            WaveGlow flow = new WaveGlow(parameters.layout(), weights);
            assertBothDirectionsMatch(flow, PitchPredictor.none(), mel(AUDIO, 80));
        }
    }

    @Test
    void spectralFlowWithPitchPredictorInWindowsEqualsOnePass() {
        FlowConfig spectral = FlowConfig.spectral();
        try (FlowParameters parameters = FlowParameters.initialize(spectral, manager, new Initialization(4, 1.0));
                FlowWeights weights = parameters.fold(manager)) {
            WaveGlow flow = new WaveGlow(parameters.layout(), weights);
            assertBothDirectionsMatch(flow, new PitchPredictor(spectral.pitchPrediction(), MEL), mel(AUDIO, 80));
        }
    }

    @Test
    void nvidiaLayoutInWindowsEqualsOnePass() throws Exception {
        FlowConfig nvidia = NvidiaConfig.read(Fixtures.modelFile("config.json"));
        try (FlowParameters parameters = NvidiaCheckpoint.read(Fixtures.modelFile("weights.npz"), nvidia, manager);
                FlowWeights weights = parameters.fold(manager)) {
            WaveGlow flow = new WaveGlow(parameters.layout(), weights);
            assertBothDirectionsMatch(flow, PitchPredictor.none(), mel(AUDIO, nvidia.nMelChannels()));
        }
    }

    /** The first {@code bands} bands of the audio's 80-band mel. */
    private static float[][] mel(float[] audio, int bands) {
        float[][] mel = new MelSpectrogram(MEL).compute(audio);
        float[][] out = new float[bands][];
        System.arraycopy(mel, 0, out, 0, bands);
        return out;
    }

    private static void assertBothDirectionsMatch(WaveGlow flow, PitchPredictor predictor, float[][] mel) {
        FlowConfig config = flow.config();
        int groups = AUDIO.length / config.nGroup();
        FlowWindows windows = FlowWindows.exact(config, groups / 12);
        assertTrue(windows.contextGroups() < groups / 2, "the windows must see less than the whole clip");

        LikelihoodScorer scorer = new LikelihoodScorer(flow, predictor, manager, 1.0, 22050);
        LikelihoodScore single = scorer.score(AUDIO, mel);
        LikelihoodScore windowed = scorer.score(AUDIO, mel, windows);
        assertEquals(groups, windowed.groupNats().length);
        for (int g = 0; g < groups; g++) {
            assertEquals(single.groupNats()[g], windowed.groupNats()[g], 1e-3 + 1e-4 * Math.abs(single.groupNats()[g]),
                    "density of group " + g + " of " + groups);
            assertEquals(single.groupLatentEnergy()[g], windowed.groupLatentEnergy()[g],
                    1e-4 * (1 + single.groupLatentEnergy()[g]), "latent energy of group " + g);
        }

        MelRefinement none = new MelRefinement(TestArrays.melConfig(mel.length), 0);
        Synthesizer synthesizer = new Synthesizer(flow, predictor, none, manager);
        int frames = groups * config.nGroup() / config.hopLength();
        float[][] whole = new float[mel.length][];
        for (int band = 0; band < mel.length; band++) {
            whole[band] = Arrays.copyOf(mel[band], frames);
        }
        int synthesisGroups = frames * config.hopLength() / config.nGroup();
        float[] z = new LatentNoise(5, config.nGroup()).draw(0, synthesisGroups);
        float[] onePass = synthesizer.synthesize(whole, z, 0.7);
        float[] inWindows = synthesizer.synthesize(whole, z, 0.7, FlowWindows.exact(config, synthesisGroups / 12));
        assertEquals(onePass.length, inWindows.length);
        double peak = 0;
        double worst = 0;
        for (int i = 0; i < onePass.length; i++) {
            peak = Math.max(peak, Math.abs(onePass[i]));
            worst = Math.max(worst, Math.abs(onePass[i] - inWindows[i]));
        }
        assertTrue(worst <= 1e-4 * peak, "largest difference " + worst + " against a peak of " + peak);
    }
}
