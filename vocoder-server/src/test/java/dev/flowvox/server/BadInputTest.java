// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.Audio;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.MelSpectrogram;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Every kind of bad input gets INVALID_ARGUMENT naming the problem, and the server keeps serving. */
class BadInputTest {

    private static final int MAX_FRAMES = 64;

    @TempDir
    static Path dir;
    private static RunningServer running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningServer.start(RunningServer.config(List.of(TestModels.write(dir, "tiny", 1)),
                new Limits(MAX_FRAMES, 32, 5, 1 << 20, 4), new BatchPolicy(4, Duration.ofMillis(1), 64)));
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    private static SynthesizeRequest good() {
        return SynthesizeRequest.newBuilder().setOptions(SynthesisOptions.newBuilder().setEncoding(AudioEncoding.FLOAT32))
                .setMel(TestModels.wire(TestModels.mel(12, 1))).build();
    }

    private static MelSpectrogram melWithValue(float value) {
        float[][] mel = TestModels.mel(6, 2);
        mel[17][3] = value;
        return TestModels.wire(mel);
    }

    private static void assertRefused(String expectedText, SynthesizeRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> RunningServer.synthesize(running.blocking(), request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(expectedText),
                "'" + e.getStatus().getDescription() + "' should name '" + expectedText + "'");
        assertEquals(12 * 256, RunningServer.synthesize(running.blocking(), good()).length);
    }

    private static SynthesizeRequest withOptions(Function<SynthesisOptions.Builder, SynthesisOptions.Builder> edit) {
        return good().toBuilder().setOptions(edit.apply(good().getOptions().toBuilder())).build();
    }

    @Test
    void wrongBandCountIsNamed() {
        float[][] mel = new float[40][10];
        assertRefused("n_mel 40 bands; the model expects 80", good().toBuilder().setMel(TestModels.wire(mel)).build());
    }

    @Test
    void nanAndInfinityAreNamedWithTheirPosition() {
        assertRefused("frame 3, band 17 is NaN", good().toBuilder().setMel(melWithValue(Float.NaN)).build());
        assertRefused("frame 3, band 17 is Infinity",
                good().toBuilder().setMel(melWithValue(Float.POSITIVE_INFINITY)).build());
    }

    /** A mel in decibels (speech reaches +40) asks for audio far louder than full scale. */
    @Test
    void melsOnAnotherScaleAreNamedWithTheBound() {
        assertRefused("mel value 40.0 at band 17, frame 3 is above 5.53",
                good().toBuilder().setMel(melWithValue(40f)).build());
        float[][] decibels = TestModels.mel(87, 2);
        decibels[5][70] = 40f;
        assertScoreRefused("is this mel in decibels or on another scale?", ScoreRequest.newBuilder()
                .setAudio(floatAudio(22050, 2)).setMel(TestModels.wire(decibels)).build());
    }

    @Test
    void aMelShorterThanTheAudioIsNamedInFramesAndSamples() {
        assertScoreRefused("mel has 40 frames, which cover 10240 samples; the audio needs 22016 (at least 86 frames; "
                + "the mel of audio has 1 + samples / 256)", ScoreRequest.newBuilder()
                .setAudio(floatAudio(22050, 2)).setMel(TestModels.wire(TestModels.mel(40, 2))).build());
    }

    @Test
    void emptyAndRaggedMelsAreNamed() {
        assertRefused("mel data is empty", good().toBuilder().setMel(MelSpectrogram.newBuilder().setNMel(80)).build());
        assertRefused("not a whole number of frames", good().toBuilder().setMel(MelSpectrogram.newBuilder().setNMel(80)
                .setData(ByteString.copyFrom(new byte[4 * 80 + 6]))).build());
    }

    @Test
    void tooManyFramesIsNamedWithTheLimit() {
        assertRefused("expected at most " + MAX_FRAMES, good().toBuilder()
                .setMel(TestModels.wire(TestModels.mel(MAX_FRAMES + 1, 3))).build());
    }

    @Test
    void unknownModelIsNamedWithTheKnownOnes() {
        assertRefused("unknown model 'nope'; this server has [tiny]", withOptions(o -> o.setModelId("nope")));
    }

    @Test
    void unsupportedEncodingRateChunkAndSigmaAreNamed() {
        assertRefused("encoding 99 is not supported", withOptions(o -> o.setEncodingValue(99)));
        assertRefused("sample_rate 7999 Hz; expected 8000 to 48000", withOptions(o -> o.setSampleRate(7999)));
        assertRefused("sample_rate 96000 Hz", withOptions(o -> o.setSampleRate(96000)));
        assertRefused("chunk_frames 33; expected 1 to 32", withOptions(o -> o.setChunkFrames(33)));
        assertRefused("sigma NaN", withOptions(o -> o.setSigma(Float.NaN)));
        assertRefused("denoiser_strength -0.5", withOptions(o -> o.setDenoiserStrength(-0.5f)));
        assertRefused("refinement_passes 9; expected 0 to 8", withOptions(o -> o.setRefinementPasses(9)));
        assertRefused("refinement_passes 4294967295; expected 0 to 8", withOptions(o -> o.setRefinementPasses(-1)));
        assertRefused("request_id has character U+000A", withOptions(o -> o.setRequestId("a\nb")));
    }

    @Test
    void streamWithoutOptionsFirstIsRefused() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<SynthesizeStreamRequest> requests = running.async().synthesizeStream(
                SynthesisTest.collect(new ArrayList<>(), done));
        requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(TestModels.mel(4, 1))).build());
        requests.onCompleted();
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(30, TimeUnit.SECONDS));
        Status status = Status.fromThrowable(e.getCause());
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains("must carry options"), status.getDescription());
    }

    @Test
    void malformedWavAndBadPackedAudioAreNamed() {
        assertScoreRefused("malformed audio", ScoreRequest.newBuilder()
                .setWav(ByteString.copyFromUtf8("RIFF....WAVEfmt definitely not a wav file")).build());
        assertScoreRefused("not a whole number of PCM16 samples", ScoreRequest.newBuilder().setAudio(Audio.newBuilder()
                .setEncoding(AudioEncoding.PCM16).setSampleRate(22050).setData(ByteString.copyFrom(new byte[3])))
                .build());
        assertScoreRefused("audio encoding AUDIO_ENCODING_UNSPECIFIED is not supported", ScoreRequest.newBuilder()
                .setAudio(Audio.newBuilder().setSampleRate(22050).setData(ByteString.copyFrom(new byte[8]))).build());
        assertScoreRefused("audio is empty", ScoreRequest.newBuilder().setAudio(Audio.newBuilder()
                .setEncoding(AudioEncoding.FLOAT32).setSampleRate(22050)).build());
        assertScoreRefused("no audio", ScoreRequest.getDefaultInstance());
        assertScoreRefused("expected at most 5.0 s", ScoreRequest.newBuilder().setAudio(floatAudio(6 * 22050, 1))
                .build());
    }

    @Test
    void scoreOfGoodAudioHasSegmentsCoveringIt() {
        ScoreResponse response = running.blocking().score(ScoreRequest.newBuilder().setAudio(floatAudio(22050, 3))
                .setSegmentSeconds(0.25f).build());
        assertEquals(22016, response.getScoredSamples());
        assertEquals(34, response.getIgnoredTailSamples());
        assertEquals(4, response.getSegmentsCount());
        assertEquals(22016, response.getSegments(3).getEndSample());
        assertTrue(Double.isFinite(response.getNatsPerSample()));
        assertEquals(response.getTotalNats() / 22016, response.getNatsPerSample(), 1e-9);
    }

    /**
     * A telephony recording as a G.711 WAV file scores exactly like the same codes sent packed: the WAV
     * reader's expansion (the JDK's codec) and the wire codec's (g711.c's) agree.
     */
    @Test
    void g711WavFilesScoreLikeTheirPackedSamples() {
        Audio float32 = floatAudio(8000, 4);
        float[] samples = AudioCodec.decode(float32.getData(), AudioEncoding.FLOAT32);
        for (AudioEncoding law : List.of(AudioEncoding.MULAW, AudioEncoding.ALAW)) {
            ByteString codes = AudioCodec.encode(samples, law);
            ByteBuffer wav = ByteBuffer.allocate(44 + codes.size()).order(ByteOrder.LITTLE_ENDIAN);
            wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + codes.size())
                    .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                    .putShort((short) (law == AudioEncoding.MULAW ? 7 : 6)).putShort((short) 1).putInt(8000)
                    .putInt(8000).putShort((short) 1).putShort((short) 8)
                    .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(codes.size()).put(codes.toByteArray());

            ScoreResponse fromWav = running.blocking().score(ScoreRequest.newBuilder()
                    .setWav(ByteString.copyFrom(wav.array())).build());
            ScoreResponse packed = running.blocking().score(ScoreRequest.newBuilder().setAudio(Audio.newBuilder()
                    .setEncoding(law).setSampleRate(8000).setData(codes)).build());

            assertTrue(fromWav.getScoredSamples() > 20000, law + ": " + fromWav.getScoredSamples() + " samples");
            assertEquals(packed.getScoredSamples(), fromWav.getScoredSamples(), law.toString());
            assertEquals(packed.getTotalNats(), fromWav.getTotalNats(), 1e-6 * Math.abs(packed.getTotalNats()),
                    law.toString());
        }
    }

    @Test
    void seededRandomMalformedRequestsNeverCrashTheServer() {
        SplittableRandom random = new SplittableRandom(20240601);
        int refused = 0;
        for (int i = 0; i < 150; i++) {
            try {
                if (random.nextBoolean()) {
                    running.blocking().synthesize(randomSynthesis(random)).forEachRemaining(chunk -> { });
                } else {
                    running.blocking().score(randomScore(random));
                }
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), "request " + i + ": " + e);
                refused++;
            }
        }
        assertTrue(refused > 100, refused + " of 150 random requests refused");
        assertEquals(12 * 256, RunningServer.synthesize(running.blocking(), good()).length);
    }

    private static SynthesizeRequest randomSynthesis(SplittableRandom random) {
        int bands = random.nextInt(5) == 0 ? random.nextInt(200) : 80;
        byte[] data = new byte[random.nextInt(5) == 0 ? random.nextInt(100) : 4 * bands * random.nextInt(1, 8)];
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= 4) {
            buffer.putFloat(random.nextInt(20) == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) -random.nextDouble(10));
        }
        SynthesisOptions.Builder options = SynthesisOptions.newBuilder()
                .setEncodingValue(random.nextInt(6))
                .setSampleRate(random.nextInt(3) == 0 ? random.nextInt(60000) : 0)
                .setChunkFrames(random.nextInt(40))
                .setSigma((float) (random.nextDouble() * 6 - 1))
                .setDenoiserStrength((float) (random.nextDouble() * 1.5 - 0.2))
                .setModelId(random.nextInt(5) == 0 ? "m" + random.nextInt(3) : "");
        return SynthesizeRequest.newBuilder().setOptions(options)
                .setMel(MelSpectrogram.newBuilder().setNMel(bands).setData(ByteString.copyFrom(data))).build();
    }

    private static ScoreRequest randomScore(SplittableRandom random) {
        byte[] data = new byte[random.nextInt(3000)];
        random.nextBytes(data);
        if (random.nextBoolean()) {
            if (data.length > 12) {
                System.arraycopy("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 12);
            }
            return ScoreRequest.newBuilder().setWav(ByteString.copyFrom(data)).build();
        }
        return ScoreRequest.newBuilder().setSegmentSeconds((float) random.nextDouble(-1, 2)).setAudio(Audio.newBuilder()
                .setEncodingValue(random.nextInt(6)).setSampleRate(random.nextInt(4) == 0 ? random.nextInt(50000) : 16000)
                .setData(ByteString.copyFrom(data))).build();
    }

    private static Audio floatAudio(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer data = ByteBuffer.allocate(4 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            data.putFloat((float) (0.1 * random.nextGaussian()));
        }
        return Audio.newBuilder().setEncoding(AudioEncoding.FLOAT32).setSampleRate(22050)
                .setData(ByteString.copyFrom(data.array())).build();
    }

    private static void assertScoreRefused(String expectedText, ScoreRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> running.blocking().score(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(expectedText),
                "'" + e.getStatus().getDescription() + "' should name '" + expectedText + "'");
        assertEquals(22016, running.blocking().score(ScoreRequest.newBuilder().setAudio(floatAudio(22050, 2)).build())
                .getScoredSamples());
    }

}
