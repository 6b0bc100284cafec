// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.GetModelRequest;
import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.ListModelsResponse;
import dev.flowvox.proto.v1.ModelInfo;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.metrics.ServerMetrics;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.registry.ServedModel;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code flowvox.v1.Vocoder} service. Stateless apart from the shared, thread-safe model registry;
 * each synthesis call's state lives in its {@link SynthesisCall}.
 */
public final class VocoderService extends VocoderGrpc.VocoderImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(VocoderService.class);

    private final ModelRegistry models;
    private final StreamingConfig streaming;
    private final Limits limits;
    private final SynthesisCall.CallContext callContext;
    private final Scoring scoring;
    private final Executor scoreExecutor;

    /**
     * @param models loaded models
     * @param streaming chunking defaults
     * @param limits per-request limits
     * @param metrics where calls record time to first audio and real-time factor
     * @param callbacks runs post-processing and sending of finished windows
     * @param scoreExecutor runs Score requests; it refuses work ({@link RejectedExecutionException}) when
     *     its queue is full, which the client sees as RESOURCE_EXHAUSTED
     */
    public VocoderService(ModelRegistry models, StreamingConfig streaming, Limits limits, ServerMetrics metrics,
            Executor callbacks, Executor scoreExecutor) {
        this.models = models;
        this.streaming = streaming;
        this.limits = limits;
        this.callContext = new SynthesisCall.CallContext(streaming.contextFrames(), limits.maxFrames(),
                limits.maxWindowsInFlight(), callbacks, metrics);
        this.scoring = new Scoring(models, limits.maxScoreSeconds());
        this.scoreExecutor = scoreExecutor;
    }

    @Override
    public void synthesize(SynthesizeRequest request, StreamObserver<AudioChunk> responseObserver) {
        ServerCallStreamObserver<AudioChunk> out = (ServerCallStreamObserver<AudioChunk>) responseObserver;
        SynthesisCall call;
        try {
            call = new SynthesisCall(SynthesisPlan.of(request.getOptions(), models, streaming, limits), out,
                    callContext);
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.setOnCancelHandler(call::cancel);
        logStart(call, "Synthesize");
        call.append(request.getMel());
        call.finish();
    }

    @Override
    public StreamObserver<SynthesizeStreamRequest> synthesizeStream(StreamObserver<AudioChunk> responseObserver) {
        ServerCallStreamObserver<AudioChunk> out = (ServerCallStreamObserver<AudioChunk>) responseObserver;
        StreamingCall streamingCall = new StreamingCall(out);
        out.setOnCancelHandler(streamingCall::cancel);
        return streamingCall;
    }

    @Override
    public void score(ScoreRequest request, StreamObserver<ScoreResponse> responseObserver) {
        Context context = Context.current();
        try {
            scoreExecutor.execute(context.wrap(() -> runScore(request, responseObserver)));
        } catch (RejectedExecutionException e) {
            responseObserver.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("the scoring queue is full; retry later").asRuntimeException());
        }
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responseObserver) {
        ListModelsResponse.Builder response = ListModelsResponse.newBuilder().setDefaultModelId(models.defaultId())
                .setDefaultScoreModelId(models.scoreId());
        for (ServedModel model : models.all()) {
            response.addModels(ModelInfos.of(model, limits));
        }
        responseObserver.onNext(response.build());
        responseObserver.onCompleted();
    }

    @Override
    public void getModel(GetModelRequest request, StreamObserver<ModelInfo> responseObserver) {
        if (request.getModelId().isEmpty()) {
            responseObserver.onError(Status.INVALID_ARGUMENT
                    .withDescription("model_id is empty; expected one of the ids ListModels returns")
                    .asRuntimeException());
            return;
        }
        models.find(request.getModelId()).ifPresentOrElse(model -> {
            responseObserver.onNext(ModelInfos.of(model, limits));
            responseObserver.onCompleted();
        }, () -> responseObserver.onError(Status.NOT_FOUND
                .withDescription("no model '" + request.getModelId() + "'; this server has " + models.ids())
                .asRuntimeException()));
    }

    private void runScore(ScoreRequest request, StreamObserver<ScoreResponse> responseObserver) {
        if (Context.current().isCancelled()) {
            responseObserver.onError(Status.CANCELLED.withDescription("cancelled before scoring started")
                    .asRuntimeException());
            return;
        }
        String requestId;
        try {
            requestId = RequestIds.resolve(request.getRequestId());
        } catch (IllegalArgumentException e) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            ScoreResponse response = scoring.score(request);
            LOG.info("{} scored {} samples: {} nats/sample", response.getModelId(), response.getScoredSamples(),
                    response.getNatsPerSample());
            responseObserver.onNext(response);
            responseObserver.onCompleted();
        } catch (IllegalArgumentException e) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            LOG.error("scoring failed", e);
            responseObserver.onError(Status.INTERNAL.withDescription("scoring failed: " + e).withCause(e)
                    .asRuntimeException());
        }
    }

    private static void logStart(SynthesisCall call, String method) {
        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, call.requestId())) {
            LOG.info("{} started", method);
        }
    }

    /** The request side of a {@code SynthesizeStream} call: options first, then mel frames. */
    private final class StreamingCall implements StreamObserver<SynthesizeStreamRequest> {

        private final ServerCallStreamObserver<AudioChunk> out;
        private SynthesisCall call;
        private boolean refused;

        StreamingCall(ServerCallStreamObserver<AudioChunk> out) {
            this.out = out;
        }

        @Override
        public synchronized void onNext(SynthesizeStreamRequest message) {
            if (refused) {
                return;
            }
            if (call == null) {
                if (!message.hasOptions()) {
                    refuse("the first message of SynthesizeStream must carry options; got " + message.getMessageCase());
                    return;
                }
                try {
                    call = new SynthesisCall(SynthesisPlan.of(message.getOptions(), models, streaming, limits), out,
                            callContext);
                } catch (IllegalArgumentException e) {
                    refuse(e.getMessage());
                    return;
                }
                logStart(call, "SynthesizeStream");
            } else if (message.hasMel()) {
                call.append(message.getMel());
            } else {
                call.fail(Status.INVALID_ARGUMENT.withDescription(
                        "only the first message of SynthesizeStream carries options; later ones carry mel, got "
                                + message.getMessageCase()));
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            cancel();
        }

        @Override
        public synchronized void onCompleted() {
            if (refused) {
                return;
            }
            if (call == null) {
                refuse("SynthesizeStream ended before its options; expected options, then mel frames");
            } else {
                call.finish();
            }
        }

        synchronized void cancel() {
            if (call != null) {
                call.cancel();
            }
        }

        private void refuse(String description) {
            refused = true;
            out.onError(Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException());
        }
    }
}
