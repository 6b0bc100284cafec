// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.util.concurrent.CompletableFuture;

/**
 * The response of a unary call as a {@link CompletableFuture}; cancelling the future cancels the
 * call. Fails with {@link io.grpc.StatusRuntimeException} when the call fails.
 *
 * @param <ReqT> request type
 * @param <RespT> response type
 */
final class UnaryFuture<ReqT, RespT> extends CompletableFuture<RespT> implements ClientResponseObserver<ReqT, RespT> {

    private volatile ClientCallStreamObserver<ReqT> call;
    private RespT response;

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(RespT value) {
        response = value;
    }

    @Override
    public void onError(Throwable t) {
        completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        complete(response);
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
