// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server on a loopback port and a plaintext channel to it; closing stops both. */
final class RunningServer implements AutoCloseable {

    final VocoderServer server;
    final ManagedChannel channel;

    RunningServer(VocoderServer server) throws IOException {
        this.server = server.start();
        this.channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    }

    /** A plaintext configuration with the given limits and batching. */
    static ServerConfig config(List<Path> bundles, Limits limits, BatchPolicy batch) {
        return new ServerConfig(0, bundles, null, null, null, null, null, -1, batch, 1, 1, 4, StreamingConfig.DEFAULT, limits,
                Duration.ofSeconds(10));
    }

    static RunningServer start(ServerConfig config) throws IOException {
        return new RunningServer(VocoderServer.create(config));
    }

    VocoderGrpc.VocoderBlockingStub blocking() {
        return VocoderGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    VocoderGrpc.VocoderStub async() {
        return VocoderGrpc.newStub(channel);
    }

    /** Synthesizes with the blocking stub and concatenates the FLOAT32 chunks. */
    static float[] synthesize(VocoderGrpc.VocoderBlockingStub stub, SynthesizeRequest request) {
        Iterator<AudioChunk> chunks = stub.synthesize(request);
        List<AudioChunk> all = new ArrayList<>();
        chunks.forEachRemaining(all::add);
        return floats(all);
    }

    /** Concatenates FLOAT32 chunks, checking they are contiguous and end with {@code last}. */
    static float[] floats(List<AudioChunk> chunks) {
        int total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk chunk = chunks.get(i);
            if (chunk.getEncoding() != AudioEncoding.FLOAT32 || chunk.getFirstSample() != total
                    || chunk.getLast() != (i == chunks.size() - 1)) {
                throw new AssertionError("chunk " + i + " is out of place: " + chunk.getFirstSample() + " after "
                        + total + " samples, last " + chunk.getLast() + ", " + chunk.getEncoding());
            }
            total += chunk.getSamples();
        }
        ByteBuffer all = ByteBuffer.allocate(4 * total).order(ByteOrder.LITTLE_ENDIAN);
        for (AudioChunk chunk : chunks) {
            all.put(chunk.getData().asReadOnlyByteBuffer());
        }
        all.flip();
        float[] samples = new float[total];
        all.asFloatBuffer().get(samples);
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }
}
