// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.auth.BearerTokenInterceptor;
import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** TLS from PEM files, bearer tokens, health without a token, and the metrics endpoint. */
class SecurityTest {

    @TempDir
    static Path dir;
    private static VocoderServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# clients\nalpha-token\n\nbeta-token\n");
        server = VocoderServer.create(new ServerConfig(0, List.of(TestModels.write(dir, "tiny", 1)), null, null,
                tls.certificate(), tls.key(), TokenSet.fromFile(tokens), 0, new BatchPolicy(4, Duration.ZERO, 16), 1, 1,
                4, StreamingConfig.DEFAULT, Limits.DEFAULT, Duration.ofSeconds(5))).start();
        channel = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                TlsChannelCredentials.newBuilder().trustManager(tls.certificate().toFile()).build()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void filesThatAreNotPemAreNamedBeforeAnyModelLoads() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
        IOException e = assertThrows(IOException.class, () -> VocoderServer.create(new ServerConfig(0,
                List.of(dir.resolve("absent.flowvox")), null, null, notPem, notPem, null, -1,
                new BatchPolicy(4, Duration.ZERO, 16), 1, 1, 4, StreamingConfig.DEFAULT, Limits.DEFAULT,
                Duration.ofSeconds(5))));
        assertTrue(e.getMessage().startsWith("cannot use the TLS certificate chain " + notPem + " and key " + notPem),
                "the TLS files are read first, so the absent bundle is not what fails: " + e.getMessage());
    }

    private static VocoderGrpc.VocoderBlockingStub withAuthorization(String value) {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, value);
        return VocoderGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Test
    void validTokenOverTlsIsAccepted() {
        assertEquals("tiny", withAuthorization("Bearer beta-token").listModels(ListModelsRequest.getDefaultInstance())
                .getDefaultModelId());
    }

    @Test
    void missingOrWrongTokenIsUnauthenticated() {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> VocoderGrpc
                .newBlockingStub(channel).listModels(ListModelsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
        assertTrue(missing.getStatus().getDescription().contains("missing bearer token"));
        for (String value : List.of("Bearer alpha-token2", "Bearer ", "Basic alpha-token", "alpha-token")) {
            StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class,
                    () -> withAuthorization(value).listModels(ListModelsRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode(), value);
        }
    }

    @Test
    void healthIsServingWithoutAToken() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.newBuilder().setService("flowvox.v1.Vocoder").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    }

    @Test
    void metricsEndpointCountsRefusedCallsByCode() throws IOException, InterruptedException {
        assertThrows(StatusRuntimeException.class,
                () -> withAuthorization("Bearer nope").listModels(ListModelsRequest.getDefaultInstance()));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(
                "flowvox_requests_total{method=\"flowvox.v1.Vocoder/ListModels\",code=\"UNAUTHENTICATED\"}"),
                response.body());
        assertTrue(response.body().contains("# TYPE flowvox_queue_depth gauge\nflowvox_queue_depth 0\n"),
                response.body());
    }
}
