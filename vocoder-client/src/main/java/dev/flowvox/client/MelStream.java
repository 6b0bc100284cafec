// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The sending side of a bidirectional synthesis call ({@code SynthesizeStream}): push mel frames as an
 * acoustic model produces them, then {@link #complete()}. Audio arrives on the observer given to
 * {@link VocoderClient#openMelStream} as soon as the server has enough right context (see
 * {@code SynthesisOptions.chunk_frames}). Thread-safe: sends are serialized.
 *
 * <p>Flow control: {@link #send} waits while gRPC's outbound buffer is full (the server or the
 * network is slower than the producer), so a fast producer cannot queue unbounded memory; it gives
 * up with an exception when the call ends or its deadline passes first.
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

    private ClientCallStreamObserver<SynthesizeStreamRequest> requests;
    private final long deadlineNanos;
    private long framesSent;
    private boolean ended;
    private Throwable callEnd;
    private boolean callDone;

    /**
     * A stream whose call starts next: pass {@link #hooks()} to the call's response observer.
     *
     * @param deadline the call's deadline, the longest a send may wait for the transport
     */
    MelStream(Duration deadline) {
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    }

    /** @return what the call's response observer reports to this stream */
    PieceObserver.CallHooks<SynthesizeStreamRequest> hooks() {
        return new PieceObserver.CallHooks<>() {
            @Override
            public void started(ClientCallStreamObserver<SynthesizeStreamRequest> call) {
                attach(call);
            }

            @Override
            public void ended(Throwable error) {
                onCallEnd(error);
            }
        };
    }

    private synchronized void attach(ClientCallStreamObserver<SynthesizeStreamRequest> call) {
        this.requests = call;
        call.setOnReadyHandler(this::onReady);
    }

    /**
     * Sends the next frames, waiting while the transport's buffer is full.
     *
     * @param frames {@code [n_mel][k]}, k >= 1, natural-log mel magnitudes
     * @throws IllegalStateException after {@link #complete()} or {@link #cancel(String)}, or when the
     *     call has ended (the server failed it) or its deadline passed while waiting
     * @throws CancellationException if interrupted while waiting (the call is cancelled)
     */
    public synchronized void send(float[][] frames) {
        if (ended) {
            throw new IllegalStateException("mel stream already ended after " + framesSent + " frames");
        }
        awaitReady();
        requests.onNext(SynthesizeStreamRequest.newBuilder().setMel(MelCodec.encode(frames)).build());
        framesSent += frames[0].length;
    }

    private void awaitReady() {
        while (!requests.isReady()) {
            if (callDone) {
                throw new IllegalStateException("the synthesis call ended after " + framesSent + " frames"
                        + (callEnd == null ? "" : ": " + callEnd.getMessage()), callEnd);
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the server took no more mel for the rest of the call's deadline ("
                        + framesSent + " frames sent)");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel("interrupted while waiting to send mel");
                throw new CancellationException("interrupted while waiting to send mel");
            }
        }
    }

    /** gRPC's signal that the transport can take more. */
    private synchronized void onReady() {
        notifyAll();
    }

    /** The call ended, normally ({@code error} null) or not: a waiting send stops waiting. */
    private synchronized void onCallEnd(Throwable error) {
        callDone = true;
        callEnd = error;
        notifyAll();
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
