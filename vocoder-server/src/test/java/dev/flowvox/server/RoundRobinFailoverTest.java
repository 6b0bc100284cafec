// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.ServerConfig;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Client-side round robin over three replicas (in-JVM servers on separate loopback ports, the same
 * code path as separate processes behind a headless Service); one replica is killed abruptly
 * ({@code shutdownNow}) mid-run and the client carries on with the others.
 */
class RoundRobinFailoverTest {

    private static final String SYNTHESIZE = "flowvox.v1.Vocoder/Synthesize";

    @TempDir
    Path dir;

    /** The service config the README recommends: round robin, and retry UNAVAILABLE. */
    static Map<String, Object> serviceConfig() {
        return Map.of(
                "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
                "methodConfig", List.of(Map.of(
                        "name", List.of(Map.of("service", "flowvox.v1.Vocoder")),
                        "retryPolicy", Map.of(
                                "maxAttempts", 3.0,
                                "initialBackoff", "0.05s",
                                "maxBackoff", "1s",
                                "backoffMultiplier", 2.0,
                                "retryableStatusCodes", List.of("UNAVAILABLE")))));
    }

    @Test
    void clientCarriesOnWhenOneOfThreeReplicasIsKilled() throws Exception {
        Path bundle = TestModels.write(dir, "tiny", 1);
        List<VocoderServer> replicas = new ArrayList<>();
        FixedAddressResolver resolver = new FixedAddressResolver();
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        ManagedChannel channel = null;
        try {
            StringBuilder target = new StringBuilder(FixedAddressResolver.SCHEME + ":///");
            for (int i = 0; i < 3; i++) {
                VocoderServer replica = VocoderServer.create(ServerConfig.local(List.of(bundle))).start();
                replicas.add(replica);
                target.append(i == 0 ? "" : ",").append("127.0.0.1:").append(replica.port());
            }
            channel = ManagedChannelBuilder.forTarget(target.toString()).usePlaintext()
                    .defaultServiceConfig(serviceConfig()).enableRetry().build();
            VocoderGrpc.VocoderBlockingStub stub = VocoderGrpc.newBlockingStub(channel);
            SynthesizeRequest request = SynthesizeRequest.newBuilder().setOptions(SynthesisOptions.newBuilder()
                    .setEncoding(AudioEncoding.FLOAT32)).setMel(TestModels.wire(TestModels.mel(12, 1))).build();
            for (int i = 0; i < 9; i++) {
                assertEquals(12 * 256, RunningServer.synthesize(stub.withDeadlineAfter(30, TimeUnit.SECONDS), request).length);
            }
            double before = 0;
            for (VocoderServer replica : replicas) {
                assertTrue(replica.metrics().requests(SYNTHESIZE, "OK") >= 1, "round robin uses every replica");
                before += replica.metrics().requests(SYNTHESIZE, "OK");
            }
            assertEquals(9, before);
            double killedServed = replicas.get(0).metrics().requests(SYNTHESIZE, "OK");
            replicas.get(0).close();
            for (int i = 0; i < 12; i++) {
                assertEquals(12 * 256, RunningServer.synthesize(stub.withDeadlineAfter(30, TimeUnit.SECONDS), request).length,
                        "request " + i + " after the kill");
            }
            double survivors = replicas.get(1).metrics().requests(SYNTHESIZE, "OK")
                    + replicas.get(2).metrics().requests(SYNTHESIZE, "OK");
            assertEquals(9 - killedServed + 12, survivors);
        } finally {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            replicas.forEach(VocoderServer::close);
            NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        }
    }
}
