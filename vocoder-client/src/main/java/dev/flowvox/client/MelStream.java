// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The sending side of a bidirectional synthesis call ({@code SynthesizeStream}): push mel frames as an
 * acoustic model produces them, then {@link #complete()}. Audio arrives on the observer given to
 * {@link VocoderClient#openMelStream} as soon as the server has enough right context (see
 * {@code SynthesisOptions.chunk_frames}). Thread-safe: sends are serialized.
 *
 * <pre>{@code
 * try (MelStream stream = client.openMelStream(options, observer)) {
 *     for (float[][] frames : acousticModel) {   // each [80][k]
 *         stream.send(frames);
 *     }
 *     stream.complete();
 * }
 * }</pre>
 */
public final class MelStream implements AutoCloseable {

    private final StreamObserver<SynthesizeStreamRequest> requests;
    private long framesSent;
    private boolean ended;

    MelStream(StreamObserver<SynthesizeStreamRequest> requests) {
        this.requests = requests;
    }

    /**
     * Sends the next frames.
     *
     * @param frames {@code [n_mel][k]}, k >= 1, natural-log mel magnitudes
     * @throws IllegalStateException after {@link #complete()} or {@link #cancel(String)}
     */
    public synchronized void send(float[][] frames) {
        if (ended) {
            throw new IllegalStateException("mel stream already ended after " + framesSent + " frames");
        }
        requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(MelCodec.encode(frames)).build());
        framesSent += frames[0].length;
    }

    /** Ends the mel (half-close): the server synthesizes the rest and ends the audio. Idempotent. */
    public synchronized void complete() {
        if (!ended) {
            ended = true;
            requests.onCompleted();
        }
    }

    /**
     * Abandons the call: the server drops its work and the observer gets CANCELLED.
     *
     * @param reason why, for the server's log
     */
    public synchronized void cancel(String reason) {
        if (!ended) {
            ended = true;
            requests.onError(Status.CANCELLED.withDescription(reason).asRuntimeException());
        }
    }

    /** @return mel frames sent so far */
    public synchronized long framesSent() {
        return framesSent;
    }

    /** Completes the stream if neither {@link #complete()} nor {@link #cancel(String)} was called. */
    @Override
    public void close() {
        complete();
    }
}
