// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.Squeeze;
import dev.flowvox.core.flow.TestArrays;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.flow.WaveNetConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Chunked synthesis with enough context equals one-pass synthesis: the windows see everything that
 * influences the samples they keep, and draw the same latent; the pitch predictor and the mel
 * refinement carry their state from chunk to chunk.
 */
class StreamingSessionTest extends NativeMemoryTest {

    /** Frames of the streamed mel: longer than a few refinement margins (8 frames for 2 passes). */
    private static final int FRAMES = 43;

    static Stream<Arguments> models() {
        return Stream.of(
                // Receptive field: 2 flows x 3 groups, plus the frame convolution: under 5 frames.
                Arguments.of("frame rate", new FlowConfig(10, 2, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                        new WaveNetConfig(2, 16, 3, true, 2)), 5, 0),
                // Lapped: as above, plus the interpolation of the mel (1 frame) and half a block of overlap.
                Arguments.of("lapped", new FlowConfig(10, 2, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                        new WaveNetConfig(2, 16, 3, true, 2), Squeeze.LAPPED), 5, 0),
                // As lapped; the pitch predictor carries its recursion from chunk to chunk, adding nothing.
                Arguments.of("lapped, pitch predictor", new FlowConfig(80, 2, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                        new WaveNetConfig(2, 16, 3, true, 2), Squeeze.LAPPED, PitchPrediction.SPEECH), 5, 0),
                // The refinement delays the stream by its margin, and its windows see all they need.
                Arguments.of("lapped, pitch predictor, 2 refinement passes", new FlowConfig(80, 2, 128, 2, 16, 256,
                        Conditioning.FRAME_RATE, new WaveNetConfig(2, 16, 3, true, 2), Squeeze.LAPPED,
                        PitchPrediction.SPEECH), 5, 2),
                // A refined synthesis with its own voiced gain carries that recursion from chunk to chunk.
                Arguments.of("lapped, pitch predictor, 2 refinement passes, voiced gain 0.999", new FlowConfig(80, 2,
                        128, 2, 16, 256, Conditioning.FRAME_RATE, new WaveNetConfig(2, 16, 3, true, 2), Squeeze.LAPPED,
                        PitchPrediction.SPEECH), 5, 2, 0.999),
                Arguments.of("frame rate, 3 refinement passes", new FlowConfig(10, 2, 128, 2, 16, 256,
                        Conditioning.FRAME_RATE, new WaveNetConfig(2, 16, 3, true, 2)), 5, 3),
                // NVIDIA layout: 4 frames of upsampler overlap plus 2 flows x 3 groups of 8 samples.
                Arguments.of("upsampled", FlowConfig.nvidia(10, 2, 8, 2, 2, WaveNetConfig.dense(2, 16, 3)), 5, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void chunkedSynthesisEqualsOnePassWhenTheContextCoversTheReceptiveField(ArgumentsAccessor arguments) {
        String name = arguments.getString(0);
        FlowConfig config = arguments.get(1, FlowConfig.class);
        int context = arguments.getInteger(2);
        int passes = arguments.getInteger(3);
        double voicedGain = arguments.size() > 4 ? arguments.getDouble(4) : 0;
        try (FlowParameters parameters = FlowParameters.initialize(config, manager,
                new Initialization(8, 1.0, TestArrays.melConfig(config.nMelChannels())));
                FlowWeights weights = parameters.fold(manager)) {
            MelConfig melConfig = TestArrays.melConfig(config.nMelChannels());
            PitchPredictor predictor = config.pitchPrediction().enabled()
                    ? new PitchPredictor(config.pitchPrediction(), melConfig) : PitchPredictor.none();
            Synthesizer synthesizer = new Synthesizer(new WaveGlow(parameters.layout(), weights), predictor,
                    new MelRefinement(melConfig, passes, voicedGain), manager);
            boolean speech = config.pitchPrediction().enabled() || passes > 0;
            float[][] mel = speech ? speechMel(melConfig, FRAMES) : mel(config.nMelChannels(), FRAMES);
            if (config.pitchPrediction().enabled()) {
                boolean[] voiced = predictor.track(mel).voiced();
                assertTrue(IntStream.range(0, voiced.length).filter(t -> voiced[t]).count() > 10,
                        "the predictor should be active on most frames");
                boolean[] held = PitchPredictor.heldForSynthesis(predictor.track(mel)).voiced();
                assertTrue(IntStream.range(0, voiced.length).anyMatch(t -> held[t] != voiced[t]),
                        "the mel should have voicing edges, where synthesis holds voicing");
            }
            float[] onePass = synthesizer.synthesize(mel, 0.8, 42);
            if (passes > 0) {
                float[] unrefined = synthesizer.withRefinement(0).synthesize(mel, 0.8, 42);
                assertTrue(TestArrays.largestDifference(onePass, unrefined) > 1e-3,
                        "the refinement should change the audio");
            }

            StreamingSynthesizer streaming = new StreamingSynthesizer(synthesizer, new Chunking(2, 4, context));
            StreamingSession session = streaming.open(0.8, 42);
            List<float[]> chunks = new ArrayList<>();
            for (int start = 0; start < FRAMES; start += 3) {
                session.append(slice(mel, start, Math.min(FRAMES, start + 3)));
                streaming.drain(session, chunks::add);
            }
            session.finish();
            streaming.drain(session, chunks::add);
            assertTrue(session.isDone());

            float[] streamed = concat(chunks);
            assertEquals(onePass.length, streamed.length);
            double worst = TestArrays.largestDifference(onePass, streamed);
            assertTrue(worst < 1e-4, name + ": max |streamed - one pass| = " + worst);
        }
    }

    @Test
    void refinementLengthensTheFirstChunkByItsMargin() {
        MelConfig melConfig = TestArrays.melConfig(80);
        MelRefinement refinement = new MelRefinement(melConfig, 2);
        StreamingSession session = new StreamingSession(80, 256, 128, new Chunking(2, 6, 5), 1.0, 1,
                PitchPredictor.none(), refinement);
        session.append(mel(80, 40));
        WindowTask first = session.nextTask();
        assertEquals(2 * 256 + refinement.marginSamples(), first.keepTo() - first.keepFrom(),
                "2 frames, plus the 2048 samples the refinement holds back");
        WindowTask second = session.nextTask();
        assertEquals(6 * 256, second.keepTo() - second.keepFrom());
    }

    @ParameterizedTest(name = "{0} refinement passes")
    @ValueSource(ints = {0, 2})
    void withoutContextThePitchPredictorWaitsForTheFramesItsTrackNeeds(int passes) {
        MelConfig melConfig = TestArrays.melConfig(80);
        MelRefinement refinement = new MelRefinement(melConfig, passes);
        StreamingSession session = new StreamingSession(80, 256, 128, new Chunking(2, 6, 0), 1.0, 1,
                new PitchPredictor(PitchPrediction.SPEECH, melConfig), refinement);
        int first = 2 + (refinement.marginSamples() + 255) / 256;
        int lookAhead = passes > 0 ? 1 + PitchPredictor.SYNTHESIS_HOLD_FRAMES : 1;
        session.append(mel(80, first + lookAhead - 1));
        assertNull(session.nextTask(), "the frame after the chunk, and with refinement the held frame, decide it");
        session.append(mel(80, 1));
        assertEquals(first * 256, session.nextTask().keepTo());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void firstChunkIsSmallerThanTheRest(String name, FlowConfig config, int context) {
        StreamingSession session = new StreamingSession(config.nMelChannels(), config.hopLength(), config.nGroup(),
                new Chunking(2, 6, context), 1.0, 1, PitchPredictor.none(),
                new MelRefinement(TestArrays.melConfig(config.nMelChannels()), 0));
        session.append(mel(config.nMelChannels(), 20));
        WindowTask first = session.nextTask();
        WindowTask second = session.nextTask();
        assertEquals(2 * config.hopLength(), first.keepTo() - first.keepFrom());
        assertEquals(6 * config.hopLength(), second.keepTo() - second.keepFrom());
        assertEquals(2 * config.hopLength(), second.keepFrom(), "the second window starts 2 frames of context before it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void audioWaitsForRightContextUntilTheMelIsComplete(String name, FlowConfig config, int context) {
        StreamingSession session = new StreamingSession(config.nMelChannels(), config.hopLength(), config.nGroup(),
                Chunking.uniform(4, context), 1.0, 1, PitchPredictor.none(),
                new MelRefinement(TestArrays.melConfig(config.nMelChannels()), 0));
        session.append(mel(config.nMelChannels(), 4 + context - 1));
        assertNull(session.nextTask(), "one frame of right context is missing");
        session.append(mel(config.nMelChannels(), 1));
        WindowTask first = session.nextTask();
        assertEquals(0, first.firstFrame());
        assertEquals(4 * config.hopLength(), first.keepTo() - first.keepFrom());
        session.finish();
        WindowTask full = session.nextTask();
        assertEquals(4 * config.hopLength(), full.keepTo() - full.keepFrom(), "chunks stay at most 4 frames");
        WindowTask rest = session.nextTask();
        assertEquals((context - 4) * config.hopLength(), rest.keepTo() - rest.keepFrom());
        assertNull(session.nextTask());
        assertTrue(session.isDone());
    }

    private static float[][] mel(int bands, int frames) {
        SplittableRandom random = new SplittableRandom(bands * 31L + frames);
        float[][] mel = new float[bands][frames];
        for (float[] band : mel) {
            for (int t = 0; t < frames; t++) {
                band[t] = (float) (random.nextGaussian() - 4);
            }
        }
        return mel;
    }

    /**
     * The log-mel of {@link SyntheticSpeech} with a pause of 6 frames from frame 14, so that the
     * pitch predictor meets voicing edges (where synthesis holds voicing a frame longer).
     */
    private static float[][] speechMel(MelConfig config, int frames) {
        float[] audio = SyntheticSpeech.audio(frames * config.hopLength(), config.sampleRate());
        Arrays.fill(audio, 14 * config.hopLength(), 20 * config.hopLength(), 0f);
        float[][] mel = new MelSpectrogram(config).compute(audio);
        return slice(mel, 0, frames);
    }

    private static float[][] slice(float[][] mel, int from, int to) {
        float[][] part = new float[mel.length][to - from];
        for (int band = 0; band < mel.length; band++) {
            System.arraycopy(mel[band], from, part[band], 0, to - from);
        }
        return part;
    }

    private static float[] concat(List<float[]> chunks) {
        int length = chunks.stream().mapToInt(c -> c.length).sum();
        float[] all = new float[length];
        int offset = 0;
        for (float[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, offset, chunk.length);
            offset += chunk.length;
        }
        return all;
    }
}
