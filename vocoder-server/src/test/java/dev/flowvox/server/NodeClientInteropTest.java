// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A third gRPC implementation against a real server: the Node.js examples in {@code examples/node}
 * on {@code @grpc/grpc-js} (pure JavaScript, its own HTTP/2 stack). {@code vocode.js} streams a NumPy
 * mel in pieces and writes the audio; {@code check.js} scores WAV files, also over TLS with a bearer
 * token. {@code scripts/test.sh}
 * installs Node.js and the examples' locked dependencies.
 */
class NodeClientInteropTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "node").toAbsolutePath().normalize();
    private static final String INSTALL = "scripts/install-system-deps.sh nodejs npm && npm ci --prefix examples/node";
    private static final int FRAMES = 45;
    private static final long SEED = 5;

    @TempDir
    Path dir;

    @Test
    void nodeExamplesStreamSynthesisAndScore() throws Exception {
        ExternalClient.require(INSTALL, "node", "-e", "require('" + EXAMPLES.resolve("flowvox.js") + "')");
        Path bundle = TestModels.write(dir, "tiny", 1);
        float[][] mel = TestModels.mel(FRAMES, 3);
        Path npy = dir.resolve("mel.npy");
        NpyArray.ofMatrix(mel).write(npy);
        Path speech = dir.resolve("speech.wav");
        WavWriter.write(new AudioClip(SyntheticSpeech.audio(22050, 22050), 22050), WavEncoding.PCM_16, speech);
        Path notAudio = dir.resolve("notes.wav");
        Files.writeString(notAudio, "not audio");
        Path out = dir.resolve("out.wav");

        try (RunningServer running = RunningServer.start(ServerConfig.local(List.of(bundle)))) {
            String server = "localhost:" + running.server.port();
            JsonObject vocoded = node("vocode.js", 0, npy.toString(), out.toString(), "--server", server, "--seed",
                    Long.toString(SEED), "--refine", "2", "--piece-frames", "7", "--json").get(0);
            float[] unary = unary(running, mel, 2);
            float[] unrefined = unary(running, mel, 0);
            assertTrue(IntStream.range(0, unary.length).anyMatch(i -> Math.abs(unary[i] - unrefined[i]) > 1e-3),
                    "refinement passes should change the audio, so that the comparison shows Node sent them");

            assertEquals(FRAMES * 256, vocoded.get("samples").getAsInt());
            assertEquals(22050, vocoded.get("sample_rate").getAsInt());
            assertTrue(vocoded.get("first_audio_ms").getAsLong() <= vocoded.get("total_ms").getAsLong(), vocoded.toString());
            float[] streamed = WavReader.read(out).channels()[0];
            assertEquals(unary.length, streamed.length);
            for (int i = 0; i < unary.length; i++) {
                assertEquals(unary[i], streamed[i], 1.5f / 32768, "sample " + i + " of the streamed audio");
            }

            List<JsonObject> checked = node("check.js", 1, speech.toString(), notAudio.toString(), "--server", server,
                    "--json");
            ScoreResponse java = running.blocking().score(ScoreRequest.newBuilder()
                    .setWav(ByteString.copyFrom(Files.readAllBytes(speech))).build());
            JsonObject scored = checked.get(0);
            assertEquals("tiny", scored.get("model").getAsString());
            assertEquals(java.getNatsPerSample(), scored.get("nats_per_sample").getAsDouble(), 1e-9);
            assertEquals(java.hasVerdict() ? (java.getVerdict().getAnomalous() ? "anomalous" : "typical")
                    : "no calibration", scored.get("status").getAsString());
            String refused = checked.get(1).get("error").getAsString();
            assertTrue(refused.startsWith("INVALID_ARGUMENT: malformed audio"), refused);
        }
    }

    private static float[] unary(RunningServer running, float[][] mel, int refinementPasses) {
        ByteString pcm = ByteString.EMPTY;
        for (Iterator<AudioChunk> chunks = running.blocking().synthesize(SynthesizeRequest.newBuilder()
                .setOptions(SynthesisOptions.newBuilder().setSeed(SEED).setEncoding(AudioEncoding.PCM16)
                        .setRefinementPasses(refinementPasses))
                .setMel(TestModels.wire(mel)).build()); chunks.hasNext();) {
            pcm = pcm.concat(chunks.next().getData());
        }
        return AudioCodec.decode(pcm, AudioEncoding.PCM16);
    }

    /** Node's own TLS stack (ALPN h2) against the server's, with and without the bearer token. */
    @Test
    void nodeClientsConnectOverTlsWithABearerToken() throws Exception {
        ExternalClient.require(INSTALL, "node", "-e", "require('" + EXAMPLES.resolve("flowvox.js") + "')");
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "node-token\n");
        Path speech = dir.resolve("speech.wav");
        WavWriter.write(new AudioClip(SyntheticSpeech.audio(22050, 22050), 22050), WavEncoding.PCM_16, speech);
        ServerConfig config = new ServerConfig(0, List.of(TestModels.write(dir, "tiny", 1)), null, null,
                tls.certificate(), tls.key(), TokenSet.fromFile(tokens), -1, new BatchPolicy(4, Duration.ZERO, 16), 1, 1,
                4, StreamingConfig.DEFAULT, Limits.DEFAULT, Duration.ofSeconds(5));
        try (VocoderServer server = VocoderServer.create(config).start()) {
            String target = "localhost:" + server.port();
            JsonObject scored = node("check.js", 0, speech.toString(), "--server", target, "--ca",
                    tls.certificate().toString(), "--token", "node-token", "--json").get(0);
            assertEquals("tiny", scored.get("model").getAsString());

            JsonObject refused = node("check.js", 1, speech.toString(), "--server", target, "--ca",
                    tls.certificate().toString(), "--token", "wrong", "--json").get(0);
            assertTrue(refused.get("error").getAsString().startsWith("UNAUTHENTICATED"), refused.toString());
        }
    }

    private List<JsonObject> node(String script, int exitCode, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 2];
        command[0] = "node";
        command[1] = EXAMPLES.resolve(script).toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return ExternalClient.run(dir.resolve(script + ".err"), exitCode, command);
    }
}
