// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.server.VocoderServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Round robin over a fixed list of two servers; one is stopped and every later call still succeeds. */
class RoundRobinTest {

    private static final String SYNTHESIZE = "flowvox.v1.Vocoder/Synthesize";

    @TempDir
    Path dir;

    @Test
    void roundRobinOverTwoServersSurvivesOneBeingStopped() throws Exception {
        VocoderServer first = TestServers.start(dir);
        VocoderServer second = TestServers.start(dir);
        try (VocoderClient client = VocoderClient.builder()
                .setTarget("127.0.0.1:" + first.port() + ",127.0.0.1:" + second.port()).build()) {
            float[][] mel = TestServers.mel(12, 1);
            for (int i = 0; i < 6; i++) {
                assertEquals(12 * 256, client.synthesize(mel, SynthesisOptions.getDefaultInstance()).length());
            }
            double servedByFirst = first.metrics().requests(SYNTHESIZE, "OK");
            double servedBySecond = second.metrics().requests(SYNTHESIZE, "OK");
            assertTrue(servedByFirst >= 1 && servedBySecond >= 1,
                    "both servers used: " + servedByFirst + " and " + servedBySecond);
            assertEquals(6, servedByFirst + servedBySecond);

            first.close();
            for (int i = 0; i < 8; i++) {
                assertEquals(12 * 256, client.synthesize(mel, SynthesisOptions.getDefaultInstance()).length(),
                        "call " + i + " after the first server stopped");
            }
            assertEquals(6 - servedByFirst + 8, second.metrics().requests(SYNTHESIZE, "OK"));
        } finally {
            first.close();
            second.close();
        }
    }

    /** A server that dies without a goodbye (SIGKILL: no GOAWAY, connections reset) is routed around too. */
    @Test
    void roundRobinSurvivesAServerProcessBeingKilled() throws Exception {
        VocoderServer inProcess = TestServers.start(dir);
        try (ServerProcess killed = ServerProcess.start(TestServers.tinyModel(dir));
                VocoderClient client = VocoderClient.builder()
                        .setTarget("127.0.0.1:" + inProcess.port() + ",127.0.0.1:" + killed.port()).build()) {
            float[][] mel = TestServers.mel(12, 2);
            int calls = 0;
            while (calls - inProcess.metrics().requests(SYNTHESIZE, "OK") < 2 && calls < 200) {
                assertEquals(12 * 256, client.synthesize(mel, SynthesisOptions.getDefaultInstance()).length());
                calls++;
            }
            double servedInProcess = inProcess.metrics().requests(SYNTHESIZE, "OK");
            assertTrue(servedInProcess >= 1 && calls - servedInProcess >= 2, "both servers used: " + servedInProcess
                    + " of " + calls + " calls in this process");

            killed.kill();
            for (int i = 0; i < 8; i++) {
                assertEquals(12 * 256, client.synthesize(mel, SynthesisOptions.getDefaultInstance()).length(),
                        "call " + i + " after the other server was killed");
            }
            assertEquals(servedInProcess + 8, inProcess.metrics().requests(SYNTHESIZE, "OK"));
        } finally {
            inProcess.close();
        }
    }
}
