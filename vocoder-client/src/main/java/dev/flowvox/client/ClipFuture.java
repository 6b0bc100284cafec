// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.SynthesizeRequest;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.util.concurrent.CompletableFuture;

/**
 * The whole audio of a synthesis call as a {@link CompletableFuture}; cancelling the future cancels
 * the call. Fails with {@link io.grpc.StatusRuntimeException} when the call fails, or
 * {@link IllegalStateException} when the chunks are not a contiguous utterance.
 */
final class ClipFuture extends CompletableFuture<AudioClip>
        implements ClientResponseObserver<SynthesizeRequest, AudioChunk> {

    private final AudioCollector collector = new AudioCollector();
    private volatile ClientCallStreamObserver<SynthesizeRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<SynthesizeRequest> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(AudioChunk chunk) {
        if (isDone()) {
            return;
        }
        try {
            collector.add(AudioPiece.decode(chunk));
        } catch (IllegalArgumentException | IllegalStateException e) {
            completeExceptionally(e);
            call.cancel("bad audio chunk", e);
        }
    }

    @Override
    public void onError(Throwable t) {
        completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        try {
            complete(collector.clip());
        } catch (IllegalStateException e) {
            completeExceptionally(e);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && call != null) {
            call.cancel("the caller cancelled the future", null);
        }
        return cancelled;
    }
}
