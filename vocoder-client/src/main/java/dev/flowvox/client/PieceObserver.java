// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.proto.v1.AudioChunk;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * Decodes wire chunks for an observer of {@link AudioPiece}s. A chunk that fails to decode cancels
 * the call and ends delivery with that error.
 *
 * @param <ReqT> the call's request type
 */
final class PieceObserver<ReqT> implements ClientResponseObserver<ReqT, AudioChunk> {

    private final StreamObserver<AudioPiece> delegate;
    private final CallHooks<ReqT> hooks;
    private ClientCallStreamObserver<ReqT> call;
    private boolean failed;

    /** What the sending side of a call learns from its response observer. */
    interface CallHooks<ReqT> {
        /**
         * The call is about to start (gRPC's {@code beforeStart}).
         *
         * @param call its request side
         */
        void started(ClientCallStreamObserver<ReqT> call);

        /**
         * The call has ended.
         *
         * @param error why it failed, or {@code null} when it completed
         */
        void ended(Throwable error);
    }

    PieceObserver(StreamObserver<AudioPiece> delegate) {
        this(delegate, null);
    }

    /**
     * @param delegate receives the decoded pieces
     * @param hooks told when the call starts and ends, or {@code null}
     */
    PieceObserver(StreamObserver<AudioPiece> delegate, CallHooks<ReqT> hooks) {
        this.delegate = delegate;
        this.hooks = hooks;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
        this.call = requestStream;
        if (hooks != null) {
            hooks.started(requestStream);
        }
    }

    @Override
    public void onNext(AudioChunk chunk) {
        if (failed) {
            return;
        }
        AudioPiece piece;
        try {
            piece = AudioPiece.decode(chunk);
        } catch (IllegalArgumentException e) {
            failed = true;
            call.cancel("undecodable audio chunk", e);
            delegate.onError(e);
            return;
        }
        delegate.onNext(piece);
    }

    @Override
    public void onError(Throwable t) {
        if (hooks != null) {
            hooks.ended(t);
        }
        if (!failed) {
            delegate.onError(t);
        }
    }

    @Override
    public void onCompleted() {
        if (hooks != null) {
            hooks.ended(null);
        }
        if (!failed) {
            delegate.onCompleted();
        }
    }
}
