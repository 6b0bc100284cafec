// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.server.VocoderServer;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The client against a real server on a loopback port with a tiny random model. */
class VocoderClientTest {

    private static final SynthesisOptions FLOAT_SEED_3 = SynthesisOptions.newBuilder().setSeed(3).setSigma(0.7f)
            .setEncoding(AudioEncoding.FLOAT32).setChunkFrames(8).build();

    @TempDir
    static Path dir;
    private static VocoderServer server;
    private static VocoderClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(dir);
        client = VocoderClient.builder().setTarget("localhost:" + server.port()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void blockingSynthesisGivesFramesTimesHopSamplesAtTheModelRate() {
        AudioClip audio = client.synthesize(TestServers.mel(30, 1), SynthesisOptions.getDefaultInstance());
        assertEquals(30 * 256, audio.length());
        assertEquals(22050, audio.sampleRate());
    }

    @Test
    void iteratorDeliversContiguousChunksEndingWithLast() {
        List<AudioPiece> pieces = new ArrayList<>();
        try (AudioStream stream = client.synthesizeStream(TestServers.mel(30, 2), FLOAT_SEED_3)) {
            stream.forEachRemaining(pieces::add);
        }
        assertEquals(4, pieces.stream().filter(piece -> piece.length() > 0).count(), "30 frames in chunks of 8");
        long next = 0;
        for (AudioPiece piece : pieces) {
            assertEquals(next, piece.firstSample());
            next += piece.length();
        }
        assertEquals(30 * 256, next);
        assertTrue(pieces.get(pieces.size() - 1).last());
    }

    @Test
    void iteratorCallbackAsyncAndBidirectionalStreamingGiveTheSameAudio() throws Exception {
        float[][] mel = TestServers.mel(21, 4);
        AudioClip blocking = client.synthesize(mel, FLOAT_SEED_3);
        AudioClip async = client.synthesizeAsync(mel, FLOAT_SEED_3).get(60, TimeUnit.SECONDS);

        Collected callback = new Collected();
        client.synthesize(mel, FLOAT_SEED_3, callback);
        Collected streamed = new Collected();
        try (MelStream stream = client.openMelStream(FLOAT_SEED_3, streamed)) {
            stream.send(slice(mel, 0, 5));
            stream.send(slice(mel, 5, 13));
            stream.send(slice(mel, 13, 21));
            assertEquals(21, stream.framesSent());
        }
        // Equal up to float rounding: requests that run concurrently may share a batch.
        assertArrayEquals(blocking.samples(), async.samples(), 1e-4f);
        assertArrayEquals(blocking.samples(), callback.clip().samples(), 1e-4f);
        assertEquals(21 * 256, streamed.clip().length());
    }

    @Test
    void melStreamStopsSendingOnceTheServerHasFailedTheCall() throws Exception {
        Collected streamed = new Collected();
        SynthesisOptions badSigma = FLOAT_SEED_3.toBuilder().setSigma(99).build();
        try (MelStream stream = client.openMelStream(badSigma, streamed)) {
            ExecutionException failed = assertThrows(ExecutionException.class, streamed::clip);
            assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(failed.getCause()).getCode());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> stream.send(TestServers.mel(4, 1)));
            assertTrue(e.getMessage().startsWith("the synthesis call ended after 0 frames: INVALID_ARGUMENT"), e.getMessage());
        }
    }

    /** Many small pieces, sent as fast as the loop runs (waiting whenever the transport is full): none is lost. */
    @Test
    void melStreamOfManySmallPiecesDeliversEveryFrame() throws Exception {
        float[][] mel = TestServers.mel(400, 7);
        Collected streamed = new Collected();
        try (MelStream stream = client.openMelStream(FLOAT_SEED_3, streamed)) {
            for (int t = 0; t < 400; t++) {
                stream.send(slice(mel, t, t + 1));
            }
        }
        assertEquals(400 * 256, streamed.clip().length());
    }

    @Test
    void scoringSamplesAndWavBytesAgree() throws Exception {
        AudioClip audio = client.synthesize(TestServers.mel(50, 5), FLOAT_SEED_3);
        ScoreResponse samples = client.score(audio);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        WavWriter.write(audio, WavEncoding.FLOAT_32, wav);
        ScoreResponse fromWav = client.scoreWav(wav.toByteArray());
        assertEquals("tiny", samples.getModelId());
        assertEquals(50 * 256, samples.getScoredSamples() + samples.getIgnoredTailSamples());
        assertEquals(samples.getTotalNats(), fromWav.getTotalNats(), 1e-6 * Math.abs(samples.getTotalNats()));
        assertEquals(2, samples.getSegmentsCount(), "0.58 s in 0.5 s segments");
    }

    @Test
    void modelListingAndInfoNameTheTinyModel() throws Exception {
        assertEquals("tiny", client.listModels().getDefaultModelId());
        assertEquals("tiny", client.listModelsAsync().get(30, TimeUnit.SECONDS).getModels(0).getId());
        assertEquals(128, client.getModel("tiny").getFlow().getNGroup());
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> client.getModel("nope"));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    }

    @Test
    void badMelComesBackAsInvalidArgumentNamingTheBands() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.synthesize(new float[40][3], SynthesisOptions.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("40"), e.getStatus().getDescription());
    }

    @Test
    void clientOnACallersChannelLeavesItOpenWhenClosed() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        try {
            VocoderClient borrowed = new VocoderClient(channel).withDeadline(Duration.ofSeconds(30));
            assertEquals(30 * 256, borrowed.synthesize(TestServers.mel(30, 6), FLOAT_SEED_3).length());
            borrowed.close();
            assertTrue(!channel.isShutdown());
            assertEquals("tiny", new VocoderClient(channel).listModels().getDefaultModelId());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keepAliveClientsWorkAndTooFrequentPingsAreRefused() throws Exception {
        try (VocoderClient pinging = VocoderClient.builder().setTarget("localhost:" + server.port())
                .optKeepAlive(Duration.ofSeconds(10)).build()) {
            assertEquals("tiny", pinging.listModels().getDefaultModelId());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VocoderClient.builder().optKeepAlive(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("expected at least 10 s"), e.getMessage());
    }

    @Test
    void builderWithoutTargetNamesTheMissingSetter() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VocoderClient.builder().build());
        assertEquals("no target; call setTarget(\"host:port\") before build()", e.getMessage());
    }

    static float[][] slice(float[][] mel, int from, int to) {
        float[][] part = new float[mel.length][];
        for (int band = 0; band < mel.length; band++) {
            part[band] = java.util.Arrays.copyOfRange(mel[band], from, to);
        }
        return part;
    }

    /** Collects the pieces a callback receives. */
    static final class Collected implements StreamObserver<AudioPiece> {
        private final AudioCollector collector = new AudioCollector();
        private final CompletableFuture<AudioClip> done = new CompletableFuture<>();

        @Override
        public synchronized void onNext(AudioPiece piece) {
            collector.add(piece);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public synchronized void onCompleted() {
            done.complete(collector.clip());
        }

        AudioClip clip() throws Exception {
            return done.get(60, TimeUnit.SECONDS);
        }
    }
}
