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
    private ClientCallStreamObserver<ReqT> call;
    private boolean failed;

    PieceObserver(StreamObserver<AudioPiece> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
        this.call = requestStream;
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
        if (!failed) {
            delegate.onError(t);
        }
    }

    @Override
    public void onCompleted() {
        if (!failed) {
            delegate.onCompleted();
        }
    }
}
