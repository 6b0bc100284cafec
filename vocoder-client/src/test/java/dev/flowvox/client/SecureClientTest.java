// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** TLS with a trusted self-signed certificate and bearer tokens, through the builder. */
class SecureClientTest {

    @TempDir
    static Path dir;
    private static VocoderServer server;
    private static SelfSignedCertificate tls;

    @BeforeAll
    static void start() throws Exception {
        tls = SelfSignedCertificate.create(dir);
        server = VocoderServer.create(new ServerConfig(0, List.of(TestServers.tinyModel(dir)), null, null, tls.certificate(),
                tls.key(), TokenSet.of(List.of("client-secret")), -1, new BatchPolicy(4, Duration.ZERO, 16), 1, 1, 4,
                StreamingConfig.DEFAULT, Limits.DEFAULT, Duration.ofSeconds(5))).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static VocoderClient client(String token) {
        return VocoderClient.builder().setTarget("localhost:" + server.port())
                .optTrustedCertificate(tls.certificate()).optBearerToken(token).build();
    }

    @Test
    void tlsWithTheRightTokenSynthesizes() throws Exception {
        try (VocoderClient client = client("client-secret")) {
            assertEquals(12 * 256, client.synthesize(TestServers.mel(12, 1), SynthesisOptions.getDefaultInstance())
                    .length());
        }
    }

    @Test
    void wrongOrMissingTokenIsUnauthenticated() throws Exception {
        for (String token : new String[] {"wrong-secret", null}) {
            try (VocoderClient client = client(token)) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, client::listModels);
                assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), "token " + token);
            }
        }
    }

    @Test
    void plaintextClientCannotTalkToTheTlsServer() throws Exception {
        try (VocoderClient client = VocoderClient.builder().setTarget("localhost:" + server.port())
                .optBearerToken("client-secret").optRetryPolicy(RetryPolicy.NONE).build()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, client::listModels);
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        }
    }
}
