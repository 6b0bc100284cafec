// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.ServerConfig;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void shutdownRefusesNewCallsButCompletesTheStreamInFlight() throws Exception {
        VocoderServer server = VocoderServer.create(ServerConfig.local(List.of(TestModels.write(dir, "tiny", 1))))
                .start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        try {
            float[][] mel = TestModels.mel(50, 9);
            List<AudioChunk> chunks = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            StreamObserver<SynthesizeStreamRequest> requests = VocoderGrpc.newStub(channel)
                    .synthesizeStream(SynthesisTest.collect(chunks, done));
            requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(SynthesisOptions.newBuilder()
                    .setEncoding(AudioEncoding.FLOAT32).setChunkFrames(8)).build());
            requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(mel, 0, 20)).build());
            VocoderGrpc.newBlockingStub(channel).listModels(ListModelsRequest.getDefaultInstance());

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    server.stop(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            StatusRuntimeException refused = awaitRefusal(channel);
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());

            requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(TestModels.wire(mel, 20, 50)).build());
            requests.onCompleted();
            done.get(60, TimeUnit.SECONDS);
            assertEquals(50 * 256, RunningServer.floats(chunks).length);
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /** New calls succeed until the shutdown begins; returns the first refusal. */
    private static StatusRuntimeException awaitRefusal(ManagedChannel channel) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try {
                VocoderGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .listModels(ListModelsRequest.getDefaultInstance());
            } catch (StatusRuntimeException e) {
                return e;
            }
        }
        return assertThrows(StatusRuntimeException.class, () -> VocoderGrpc.newBlockingStub(channel)
                .listModels(ListModelsRequest.getDefaultInstance()));
    }
}
