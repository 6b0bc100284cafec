// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.metrics.ServerMetrics;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.schedule.BatchPolicy;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Queue overflow and cancellation, made deterministic by a batcher whose worker never runs: windows
 * stay queued until their calls go away.
 */
class QueueAndCancellationTest {

    private static final String SYNTHESIZE = "flowvox.v1.Vocoder/Synthesize";

    @TempDir
    Path dir;

    @Test
    void fullQueueGivesResourceExhaustedAndCancellationDropsQueuedWindows() throws Exception {
        ServerConfig config = RunningServer.config(List.of(TestModels.write(dir, "tiny", 1)),
                new Limits(512, 64, 10, 1 << 20, 2), new BatchPolicy(4, Duration.ZERO, 3));
        ServerMetrics metrics = new ServerMetrics();
        ModelRegistry models = ModelRegistry.load(config.bundles(), null, null, config.batch(), worker -> { }, 1,
                metrics::batchListener);
        VocoderServer server = new VocoderServer(Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()),
                config, models, metrics);
        try (RunningServer running = new RunningServer(server)) {
            SynthesizeRequest request = SynthesizeRequest.newBuilder()
                    .setOptions(SynthesisOptions.newBuilder().setChunkFrames(4))
                    .setMel(TestModels.wire(TestModels.mel(40, 1))).build();
            CompletableFuture<ClientCallStreamObserver<SynthesizeRequest>> first = new CompletableFuture<>();
            CompletableFuture<Void> firstDone = new CompletableFuture<>();
            running.async().synthesize(request, observer(first, firstDone));
            awaitEqual(2, models::queueDepth);

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> running.blocking().synthesize(request).forEachRemaining(chunk -> { }));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
            assertTrue(refused.getStatus().getDescription().contains("queue is full (3 windows)"),
                    refused.getStatus().getDescription());
            awaitEqual(2, models::queueDepth);
            assertEquals(1, metrics.windowsDropped("tiny"));

            first.get(30, TimeUnit.SECONDS).cancel("client gave up", null);
            ExecutionException cancelled = assertThrows(ExecutionException.class,
                    () -> firstDone.get(30, TimeUnit.SECONDS));
            assertEquals(Status.Code.CANCELLED, Status.fromThrowable(cancelled.getCause()).getCode());
            awaitEqual(0, models::queueDepth);
            assertEquals(3, metrics.windowsDropped("tiny"));

            StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                    () -> VocoderGrpc.newBlockingStub(running.channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                            .synthesize(request).forEachRemaining(chunk -> { }));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
            awaitEqual(0, models::queueDepth);
            assertEquals(5, metrics.windowsDropped("tiny"));
            awaitEqual(1, () -> (int) metrics.requests(SYNTHESIZE, "RESOURCE_EXHAUSTED"));
        }
    }

    private static ClientResponseObserver<SynthesizeRequest, AudioChunk> observer(
            CompletableFuture<ClientCallStreamObserver<SynthesizeRequest>> call, CompletableFuture<Void> done) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SynthesizeRequest> requestStream) {
                call.complete(requestStream);
            }

            @Override
            public void onNext(AudioChunk chunk) {
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        };
    }

    /** Waits (up to 30 s) for a value another thread sets; the assertion is on the value, not the time. */
    private static void awaitEqual(int expected, IntSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (actual.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, actual.getAsInt());
    }
}
