// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Server reflection under both names tools ask for, {@code grpc.reflection.v1} and the older
 * {@code v1alpha}: each lists the services and hands out the API's file descriptor, from which a tool
 * such as grpcurl builds its requests.
 */
class ReflectionTest {

    private static final Set<String> RPCS = Set.of("Synthesize", "SynthesizeStream", "Score", "ListModels", "GetModel");

    @TempDir
    static Path dir;
    private static RunningServer running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningServer.start(RunningServer.config(List.of(TestModels.write(dir, "tiny", 1)), Limits.DEFAULT,
                new BatchPolicy(1, Duration.ZERO, 4)));
    }

    @AfterAll
    static void stop() throws Exception {
        running.close();
    }

    @Test
    void v1ListsServicesAndDescribesTheApi() throws Exception {
        ServerReflectionResponse listed = askV1(ServerReflectionRequest.newBuilder().setListServices("").build());
        Set<String> services = listed.getListServicesResponse().getServiceList().stream()
                .map(s -> s.getName()).collect(Collectors.toSet());
        assertTrue(services.containsAll(Set.of("flowvox.v1.Vocoder", "grpc.health.v1.Health")), services.toString());

        ServerReflectionResponse file = askV1(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("flowvox.v1.Vocoder").build());
        assertVocoderDescribed(file.getFileDescriptorResponse().getFileDescriptorProtoList());
    }

    @Test
    @SuppressWarnings("deprecation")
    void v1alphaListsServicesAndDescribesTheApi() throws Exception {
        io.grpc.reflection.v1alpha.ServerReflectionResponse listed = askV1Alpha(
                io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build());
        Set<String> services = listed.getListServicesResponse().getServiceList().stream()
                .map(s -> s.getName()).collect(Collectors.toSet());
        assertTrue(services.containsAll(Set.of("flowvox.v1.Vocoder", "grpc.health.v1.Health")), services.toString());

        io.grpc.reflection.v1alpha.ServerReflectionResponse file = askV1Alpha(
                io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol("flowvox.v1.Vocoder").build());
        assertVocoderDescribed(file.getFileDescriptorResponse().getFileDescriptorProtoList());
    }

    /** Among the returned files, the one declaring {@code flowvox.v1.Vocoder} has all five RPCs. */
    private static void assertVocoderDescribed(List<ByteString> files) throws InvalidProtocolBufferException {
        List<ServiceDescriptorProto> vocoders = new ArrayList<>();
        for (ByteString bytes : files) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
            if (file.getPackage().equals("flowvox.v1")) {
                file.getServiceList().stream().filter(s -> s.getName().equals("Vocoder")).forEach(vocoders::add);
            }
        }
        assertEquals(1, vocoders.size(), "files declaring flowvox.v1.Vocoder among " + files.size());
        assertEquals(RPCS, vocoders.get(0).getMethodList().stream().map(MethodDescriptorProto::getName)
                .collect(Collectors.toSet()));
    }

    private static ServerReflectionResponse askV1(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(running.channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS).serverReflectionInfo(new FirstAnswer<>(answer));
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(30, TimeUnit.SECONDS);
    }

    @SuppressWarnings("deprecation")
    private static io.grpc.reflection.v1alpha.ServerReflectionResponse askV1Alpha(
            io.grpc.reflection.v1alpha.ServerReflectionRequest request) throws Exception {
        CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(running.channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS).serverReflectionInfo(new FirstAnswer<>(answer));
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(30, TimeUnit.SECONDS);
    }

    /** Completes a future with the first response of a stream, or with its error. */
    private static final class FirstAnswer<T> implements StreamObserver<T> {
        private final CompletableFuture<T> answer;

        FirstAnswer(CompletableFuture<T> answer) {
            this.answer = answer;
        }

        @Override
        public void onNext(T value) {
            answer.complete(value);
        }

        @Override
        public void onError(Throwable error) {
            answer.completeExceptionally(error);
        }

        @Override
        public void onCompleted() {
            answer.completeExceptionally(new AssertionError("the stream ended without a response"));
        }
    }
}
