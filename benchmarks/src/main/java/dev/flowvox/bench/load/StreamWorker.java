// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.VocoderGrpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client stream of the load: sends the same synthesis request again and again until the level
 * ends, timing every chunk.
 */
final class StreamWorker implements Runnable {

    private final VocoderGrpc.VocoderBlockingStub stub;
    private final SynthesizeRequest request;
    private final int streams;
    private final long endNanos;
    private final List<RequestRecord> sink;

    /**
     * @param channel channel to the server
     * @param request the request to repeat
     * @param streams concurrent streams of this level (recorded with each request)
     * @param endNanos {@link System#nanoTime()} after which no new request starts
     * @param sink thread-safe list receiving the records
     */
    StreamWorker(Channel channel, SynthesizeRequest request, int streams, long endNanos, List<RequestRecord> sink) {
        this.stub = VocoderGrpc.newBlockingStub(channel);
        this.request = request;
        this.streams = streams;
        this.endNanos = endNanos;
        this.sink = sink;
    }

    @Override
    public void run() {
        while (System.nanoTime() < endNanos) {
            sink.add(once());
        }
    }

    private RequestRecord once() {
        long start = System.nanoTime();
        long previous = start;
        double firstAudio = Double.NaN;
        double largestGap = 0;
        long samples = 0;
        int rate = 1;
        try {
            Iterator<AudioChunk> chunks = stub.withDeadlineAfter(120, TimeUnit.SECONDS).synthesize(request);
            while (chunks.hasNext()) {
                AudioChunk chunk = chunks.next();
                long now = System.nanoTime();
                if (chunk.getSamples() > 0) {
                    if (Double.isNaN(firstAudio)) {
                        firstAudio = (now - start) / 1e6;
                    } else {
                        largestGap = Math.max(largestGap, (now - previous) / 1e6);
                    }
                    previous = now;
                }
                samples += chunk.getSamples();
                rate = chunk.getSampleRate();
            }
            return new RequestRecord(streams, firstAudio, largestGap, (System.nanoTime() - start) / 1e6,
                    (double) samples / rate, Status.Code.OK.name());
        } catch (StatusRuntimeException e) {
            return new RequestRecord(streams, firstAudio, largestGap, (System.nanoTime() - start) / 1e6,
                    (double) samples / rate, e.getStatus().getCode().name());
        }
    }
}
