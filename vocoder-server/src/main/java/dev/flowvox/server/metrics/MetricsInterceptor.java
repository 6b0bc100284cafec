// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.metrics;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts every call by method and status code and records its latency. Install it outermost so that
 * calls refused by other interceptors (UNAUTHENTICATED) count too; calls the client cancels or whose
 * deadline passes count as CANCELLED.
 */
public final class MetricsInterceptor implements ServerInterceptor {

    private final ServerMetrics metrics;

    /**
     * @param metrics where to record
     */
    public MetricsInterceptor(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        String method = call.getMethodDescriptor().getFullMethodName();
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable cancelled = () -> record(recorded, method, Status.Code.CANCELLED, start);
        ServerCall.Listener<Q> listener = next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                record(recorded, method, status.getCode(), start);
                super.close(status, trailers);
            }
        }, headers);
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                cancelled.run();
                super.onCancel();
            }
        };
    }

    private void record(AtomicBoolean recorded, String method, Status.Code code, long start) {
        if (recorded.compareAndSet(false, true)) {
            metrics.request(method, code.name(), (System.nanoTime() - start) / 1e9);
        }
    }
}
