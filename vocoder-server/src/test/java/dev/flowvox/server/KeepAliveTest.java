// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.ServerConfig;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A chatbot keeps a SynthesizeStream open while its language model thinks, and production clients
 * ping their connections (gRPC's keepalive, commonly every 10–30 s). grpc-java's default server
 * policy allows a ping only every 5 minutes and answers more frequent ones with GOAWAY
 * ("too_many_pings"), which kills the open stream; the server accepts pings every 10 s.
 */
class KeepAliveTest {

    @TempDir
    Path dir;

    @Test
    void aStreamHeldOpenWithClientKeepAlivePingsSurvives() throws Exception {
        try (RunningServer running = RunningServer.start(ServerConfig.local(List.of(TestModels.write(dir, "tiny", 1))))) {
            ManagedChannel pinging = ManagedChannelBuilder.forAddress("localhost", running.server.port()).usePlaintext()
                    .keepAliveTime(10, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
            try {
                List<AudioChunk> chunks = new ArrayList<>();
                CompletableFuture<Void> done = new CompletableFuture<>();
                StreamObserver<SynthesizeStreamRequest> requests = VocoderGrpc.newStub(pinging)
                        .synthesizeStream(SynthesisTest.collect(chunks, done));
                requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(SynthesisOptions.newBuilder()
                        .setEncoding(AudioEncoding.FLOAT32)).build());
                Thread.sleep(45_000);
                requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(TestModels.mel(12, 2)))
                        .build());
                requests.onCompleted();
                done.get(60, TimeUnit.SECONDS);
                assertEquals(12 * 256, RunningServer.floats(chunks).length);
            } finally {
                pinging.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
