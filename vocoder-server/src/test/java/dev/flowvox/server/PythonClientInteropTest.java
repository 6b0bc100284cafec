// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.server.config.ServerConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Another gRPC implementation against a real server: {@code src/test/python/interop_client.py} on
 * Python's grpcio (gRPC's C core), which loads the API from the descriptor set in the proto jar and
 * calls every RPC once. {@code scripts/test.sh} installs Debian's python3-grpcio and python3-protobuf.
 */
class PythonClientInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "scripts/install-system-deps.sh python3-grpcio python3-protobuf";

    @TempDir
    Path dir;

    @Test
    void aPythonGrpcioClientCallsEveryMethod() throws Exception {
        Path bundle = TestModels.write(dir, "tiny", 1);
        Path descriptor = dir.resolve("vocoder.desc");
        try (InputStream in = getClass().getResourceAsStream("/flowvox/v1/vocoder.desc")) {
            assertTrue(in != null, "the proto jar carries flowvox/v1/vocoder.desc");
            Files.copy(in, descriptor);
        }
        Path wav = dir.resolve("speech.wav");
        WavWriter.write(new AudioClip(SyntheticSpeech.audio(22050, 22050), 22050), WavEncoding.PCM_16, wav);

        Map<String, JsonObject> calls;
        try (RunningServer running = RunningServer.start(ServerConfig.local(List.of(bundle)))) {
            calls = run("localhost:" + running.server.port(), descriptor, wav);
        }

        JsonObject models = calls.get("ListModels");
        assertEquals("[\"tiny\"]", models.get("ids").toString());
        assertEquals("tiny", models.get("default").getAsString());
        assertEquals("tiny", models.get("score_default").getAsString());
        JsonObject info = calls.get("GetModel");
        assertEquals(80, info.get("n_mel").getAsInt());
        assertEquals(22050, info.get("sample_rate").getAsInt());
        assertEquals(0.7, info.get("default_sigma").getAsDouble(), 1e-6);
        int hop = info.get("hop").getAsInt();
        JsonObject synthesized = calls.get("Synthesize");
        assertEquals(40 * hop, synthesized.get("samples").getAsInt());
        assertEquals(4 * 40 * hop, synthesized.get("bytes").getAsInt(), "FLOAT32 is 4 bytes a sample");
        JsonObject streamed = calls.get("SynthesizeStream");
        assertEquals(40 * hop, streamed.get("samples").getAsInt());
        assertTrue(streamed.get("same_audio").getAsBoolean(), "mel pieces give the audio of the whole mel");
        JsonObject score = calls.get("Score");
        assertEquals("tiny", score.get("model").getAsString());
        assertTrue(score.get("segments").getAsInt() >= 2 && score.get("scored_samples").getAsInt() > 20000, score.toString());
        assertTrue(Double.isFinite(score.get("nats_per_sample").getAsDouble()));
        JsonObject bad = calls.get("BadScore");
        assertEquals("INVALID_ARGUMENT", bad.get("code").getAsString());
        assertTrue(bad.get("details").getAsString().contains("truncated WAV"), bad.toString());
        assertTrue(calls.get("Health").get("serving").getAsBoolean());
    }

    private Map<String, JsonObject> run(String target, Path descriptor, Path wav) throws IOException,
            InterruptedException {
        ExternalClient.require(INSTALL, PYTHON, "-c", "import grpc, google.protobuf");
        Map<String, JsonObject> calls = new HashMap<>();
        for (JsonObject call : ExternalClient.run(dir.resolve("client.err"), 0, PYTHON,
                "src/test/python/interop_client.py", target, descriptor.toString(), wav.toString())) {
            calls.put(call.get("call").getAsString(), call);
        }
        assertEquals(7, calls.size(), "one line per call: " + calls.keySet());
        return calls;
    }
}
