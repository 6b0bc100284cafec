// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.synth.BiasDenoiser;
import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.GetModelRequest;
import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.ListModelsResponse;
import dev.flowvox.proto.v1.ModelInfo;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.limits.Limits;

import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Synthesis against a real server on a loopback port. */
class SynthesisTest {

    private static final double SIGMA = 0.7;
    /** The synthesis defaults stored in the bundle of the model "other". */
    private static final double OTHER_SIGMA = 0.85;
    private static final int OTHER_PASSES = 2;
    private static final double OTHER_GAIN = 0.99;

    @TempDir
    static Path dir;
    private static RunningServer running;
    private static NDManager manager;
    private static VocoderModel reference;

    @BeforeAll
    static void start() throws Exception {
        Path bundle = TestModels.write(dir, "tiny", 1);
        TestModels.write(dir, "other", 2, TestModels.TINY.withPitchPrediction(PitchPrediction.SPEECH));
        new SynthesisDefaults(OTHER_SIGMA, OTHER_PASSES, OTHER_GAIN, "chosen by the test")
                .write(dir.resolve("other.flowvox"));
        running = RunningServer.start(ServerConfig.local(List.of(bundle, dir.resolve("other.flowvox"))));
        manager = NDManager.newBaseManager();
        reference = ModelBundle.load(bundle, manager);
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
        reference.close();
        manager.close();
    }

    private static SynthesisOptions.Builder floatOptions(long seed, int chunkFrames) {
        return SynthesisOptions.newBuilder().setSigma((float) SIGMA).setSeed(seed).setEncoding(AudioEncoding.FLOAT32)
                .setChunkFrames(chunkFrames);
    }

    @Test
    void unarySynthesisEqualsOnePassWithin40Db() {
        float[][] mel = TestModels.mel(75, 3);
        float[] expected = reference.synthesizer().synthesize(mel, SIGMA, 11);
        float[] audio = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                .setOptions(floatOptions(11, 8)).setMel(TestModels.wire(mel)).build());
        assertEquals(75 * 256, audio.length);
        double snr = TestModels.snrDb(expected, audio);
        assertTrue(snr >= 40, "streamed vs one-pass SNR " + snr + " dB");
    }

    /** The server's concurrency comes from its workers, one per core, each running libtorch on one thread. */
    @Test
    void eachOperationRunsOnOneThreadWithAWorkerPerCore() throws Exception {
        CompletableFuture<Integer> threads = CompletableFuture.supplyAsync(JniUtils::getNumThreads,
                runnable -> new Thread(runnable, "like-a-worker").start());
        assertEquals(1, threads.get(10, TimeUnit.SECONDS), "threads that start after the models loaded, as the "
                + "workers do, run each libtorch operation on one thread");
        assertEquals(Runtime.getRuntime().availableProcessors(),
                ServerConfig.local(List.of(dir.resolve("tiny.flowvox"))).workersPerModel());
    }

    /** The served model's denoisers share one bias measurement: NVIDIA's recipe, applied to the stream. */
    @Test
    void denoisedSynthesisEqualsOnePassDenoisedWithTheModelsBias() {
        float[][] mel = TestModels.mel(75, 5);
        SpectralDenoiser denoiser = BiasDenoiser.of(reference.synthesizer(), reference.info().flow(), reference.info().mel());
        float[] expected = denoiser.denoise(reference.synthesizer().synthesize(mel, SIGMA, 17), 0.5);
        float[] audio = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                .setOptions(floatOptions(17, 8).setDenoiserStrength(0.5f)).setMel(TestModels.wire(mel)).build());
        assertEquals(expected.length, audio.length);
        double snr = TestModels.snrDb(expected, audio);
        assertTrue(snr >= 40, "streamed and denoised vs one-pass denoised SNR " + snr + " dB");
        double change = TestModels.snrDb(reference.synthesizer().synthesize(mel, SIGMA, 17), audio);
        assertTrue(change < snr - 10, "the denoiser changed the audio (" + change + " dB from the plain synthesis)");
    }

    /** The pitch predictor's recursion runs on the kept audio of each window, in order, with its state. */
    @Test
    void pitchPredictedModelStreamsVoicedSpeechLikeOnePass() throws Exception {
        float[][] mel = new dev.flowvox.core.dsp.MelSpectrogram(MelConfig.nvidia22050()).compute(SyntheticSpeech.audio(60 * 256, 22050));
        try (VocoderModel other = ModelBundle.load(dir.resolve("other.flowvox"), manager)) {
            boolean[] voiced = other.pitchPredictor().track(mel).voiced();
            assertTrue(IntStream.range(0, voiced.length).filter(t -> voiced[t]).count() > 40, "the mel should be voiced");
            float[] expected = other.synthesizer().synthesize(mel, SIGMA, 13);
            float[] audio = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                    .setOptions(floatOptions(13, 4).setModelId("other")).setMel(TestModels.wire(mel)).build());
            assertEquals(expected.length, audio.length);
            double snr = TestModels.snrDb(expected, audio);
            assertTrue(snr >= 40, "streamed vs one-pass SNR " + snr + " dB");
        }
    }

    @Test
    void bidirectionalStreamInRandomPiecesEqualsOnePassWithin40Db() throws Exception {
        float[][] mel = TestModels.mel(61, 4);
        float[] expected = reference.synthesizer().synthesize(mel, SIGMA, 12);
        List<AudioChunk> chunks = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<SynthesizeStreamRequest> requests = running.async().synthesizeStream(collect(chunks, done));
        requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(floatOptions(12, 4)).build());
        SplittableRandom random = new SplittableRandom(5);
        for (int from = 0; from < 61; ) {
            int to = Math.min(61, from + 1 + random.nextInt(9));
            requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(mel, from, to)).build());
            from = to;
        }
        requests.onCompleted();
        done.get(60, TimeUnit.SECONDS);
        float[] audio = RunningServer.floats(chunks);
        assertEquals(61 * 256, audio.length);
        double snr = TestModels.snrDb(expected, audio);
        assertTrue(snr >= 40, "streamed vs one-pass SNR " + snr + " dB");
    }

    @Test
    void streamSendsAudioBeforeTheMelIsComplete() throws Exception {
        float[][] mel = TestModels.mel(40, 6);
        List<AudioChunk> chunks = new ArrayList<>();
        CompletableFuture<Void> firstChunk = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<SynthesizeStreamRequest> requests = running.async().synthesizeStream(new StreamObserver<>() {
            @Override
            public void onNext(AudioChunk chunk) {
                synchronized (chunks) {
                    chunks.add(chunk);
                }
                firstChunk.complete(null);
            }

            @Override
            public void onError(Throwable t) {
                firstChunk.completeExceptionally(t);
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(floatOptions(1, 4)).build());
        requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(mel, 0, 30)).build());
        firstChunk.get(60, TimeUnit.SECONDS);
        int samplesBeforeEnd;
        synchronized (chunks) {
            samplesBeforeEnd = chunks.stream().mapToInt(AudioChunk::getSamples).sum();
        }
        requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(mel, 30, 40)).build());
        requests.onCompleted();
        done.get(60, TimeUnit.SECONDS);
        assertTrue(samplesBeforeEnd >= 4 * 256, "audio sent before the mel was complete: " + samplesBeforeEnd);
        assertEquals(40 * 256, RunningServer.floats(chunks).length);
    }

    @Test
    void thirtyTwoConcurrentStreamsAllReceiveCompleteCorrectAudio() throws Exception {
        int streams = 32;
        int frames = 24;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<List<AudioChunk>> received = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            List<AudioChunk> chunks = new ArrayList<>();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            received.add(chunks);
            done.add(finished);
            StreamObserver<SynthesizeStreamRequest> requests = running.async().synthesizeStream(collect(chunks, finished));
            requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(floatOptions(100 + s, 8)).build());
            requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(TestModels.mel(frames, s)))
                    .build());
            requests.onCompleted();
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        for (int s = 0; s < streams; s++) {
            float[] expected = reference.synthesizer().synthesize(TestModels.mel(frames, s), SIGMA, 100 + s);
            float[] audio = RunningServer.floats(received.get(s));
            assertEquals(frames * 256, audio.length, "stream " + s);
            double snr = TestModels.snrDb(expected, audio);
            assertTrue(snr >= 40, "stream " + s + ": SNR " + snr + " dB");
        }
    }

    @Test
    void telephonyEncodingsAtEightKilohertzHaveTheResampledLength() {
        float[][] mel = TestModels.mel(43, 7);
        for (AudioEncoding encoding : List.of(AudioEncoding.MULAW, AudioEncoding.ALAW, AudioEncoding.PCM16)) {
            Iterator<AudioChunk> chunks = running.blocking().synthesize(SynthesizeRequest.newBuilder()
                    .setOptions(SynthesisOptions.newBuilder().setEncoding(encoding).setSampleRate(8000))
                    .setMel(TestModels.wire(mel)).build());
            long samples = 0;
            long bytes = 0;
            while (chunks.hasNext()) {
                AudioChunk chunk = chunks.next();
                assertEquals(8000, chunk.getSampleRate());
                samples += chunk.getSamples();
                bytes += chunk.getData().size();
            }
            assertEquals(Math.round(43 * 256 * 8000 / 22050.0), samples, encoding.name());
            assertEquals(samples * (encoding == AudioEncoding.PCM16 ? 2 : 1), bytes, encoding.name());
        }
    }

    @Test
    void listModelsNamesBothModelsAndTheFirstIsDefault() {
        ListModelsResponse models = running.blocking().listModels(ListModelsRequest.getDefaultInstance());
        assertEquals(List.of("tiny", "other"), models.getModelsList().stream().map(ModelInfo::getId).toList());
        assertEquals("tiny", models.getDefaultModelId());
        ModelInfo info = running.blocking().getModel(GetModelRequest.newBuilder().setModelId("other").build());
        assertEquals(22050, info.getSampleRate());
        assertEquals(80, info.getNMel());
        assertEquals(128, info.getFlow().getNGroup());
        assertEquals("2", info.getFactsOrThrow("seed"));
        assertEquals(OTHER_SIGMA, info.getDefaultSigma(), 1e-9);
        assertEquals(SynthesisDefaults.FALLBACK.sigma(), models.getModels(0).getDefaultSigma(), 1e-9);
        assertEquals(OTHER_PASSES, info.getDefaultRefinementPasses());
        assertEquals(0, models.getModels(0).getDefaultRefinementPasses());
        assertEquals(OTHER_GAIN, info.getRefinedVoicedGain(), 0.0);
        assertEquals(0, models.getModels(0).getRefinedVoicedGain(), 0.0);
        assertEquals(Limits.DEFAULT.maxFrames(), info.getMaxFrames());
        assertEquals(Limits.DEFAULT.maxScoreSeconds(), info.getMaxScoreSeconds(), 0.0);
        assertEquals(Limits.DEFAULT.maxMessageBytes(), info.getMaxMessageBytes());
    }

    /**
     * A request without sigma and refinement passes gets the model's recommended ones, stored in its
     * bundle with its voiced gain; the stream's refinement, applied piece by piece, gives the one-pass
     * refinement's audio.
     */
    @Test
    void unsetSigmaIsTheModelsRecommendedSigma() throws Exception {
        float[][] mel = TestModels.mel(40, 5);
        try (VocoderModel other = ModelBundle.load(dir.resolve("other.flowvox"), manager)) {
            assertEquals(OTHER_SIGMA, other.synthesisDefaults().sigma(), 0.0);
            assertEquals(OTHER_PASSES, other.synthesizer().refinement().passes());
            float[] recommended = other.synthesizer().synthesize(mel, OTHER_SIGMA, 3);
            float[] fallback = other.synthesizer().synthesize(mel, SynthesisDefaults.FALLBACK.sigma(), 3);
            float[] audio = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                    .setOptions(SynthesisOptions.newBuilder().setModelId("other").setSeed(3)
                            .setEncoding(AudioEncoding.FLOAT32))
                    .setMel(TestModels.wire(mel)).build());
            assertTrue(TestModels.snrDb(recommended, audio) >= 40, "not the audio of sigma " + OTHER_SIGMA);
            assertTrue(TestModels.snrDb(fallback, audio) < 20, "the audio of sigma 0.7, not the model's");

            float[][] speech = new dev.flowvox.core.dsp.MelSpectrogram(MelConfig.nvidia22050())
                    .compute(SyntheticSpeech.audio(40 * 256, 22050));
            float[] voiced = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                    .setOptions(SynthesisOptions.newBuilder().setModelId("other").setSeed(3)
                            .setEncoding(AudioEncoding.FLOAT32))
                    .setMel(TestModels.wire(speech)).build());
            assertTrue(TestModels.snrDb(other.synthesizer().synthesize(speech, OTHER_SIGMA, 3), voiced) >= 40,
                    "not the audio of the model's voiced gain " + OTHER_GAIN);
            float[] trainingGain = other.synthesizer().withVoicedGain(0).synthesize(speech, OTHER_SIGMA, 3);
            assertTrue(TestModels.snrDb(trainingGain, voiced) < 30, "the audio of the training gain, not the model's");
        }
    }

    /** A request's refinement passes override the model's: 0 gives the flow's own audio, streamed at once. */
    @Test
    void requestedRefinementPassesOverrideTheModels() throws Exception {
        float[][] mel = TestModels.mel(40, 8);
        try (VocoderModel other = ModelBundle.load(dir.resolve("other.flowvox"), manager)) {
            for (int passes : new int[] {0, 3}) {
                float[] expected = other.synthesizer().withRefinement(passes).synthesize(mel, SIGMA, 5);
                float[] audio = RunningServer.synthesize(running.blocking(), SynthesizeRequest.newBuilder()
                        .setOptions(floatOptions(5, 4).setModelId("other").setRefinementPasses(passes))
                        .setMel(TestModels.wire(mel)).build());
                assertTrue(TestModels.snrDb(expected, audio) >= 40, passes + " passes: not the one-pass audio");
                float[] recommended = other.synthesizer().synthesize(mel, SIGMA, 5);
                assertTrue(TestModels.snrDb(recommended, audio) < 30, passes + " passes: the model's 2 passes' audio");
            }
        }
    }

    static StreamObserver<AudioChunk> collect(List<AudioChunk> chunks, CompletableFuture<Void> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AudioChunk chunk) {
                synchronized (chunks) {
                    chunks.add(chunk);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        };
    }
}
