// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.synth.Chunking;
import dev.flowvox.core.synth.MelArrays;
import dev.flowvox.core.synth.StreamingSession;
import dev.flowvox.core.synth.WindowTask;
import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.MelSpectrogram;
import dev.flowvox.server.codec.OutputPipeline;
import dev.flowvox.server.metrics.ServerMetrics;
import dev.flowvox.server.schedule.QueueFullException;
import dev.flowvox.server.schedule.QueuedWindow;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The state of one synthesis call, unary or streamed: mel frames go into a {@link StreamingSession},
 * its windows into the model's batching queue (at most {@code maxWindowsInFlight} at a time), and
 * finished windows, in order, through the call's {@link OutputPipeline} and encoder to the client.
 * Every path ends in exactly one {@code onCompleted} or {@code onError}; after that, or after
 * {@link #cancel()}, the call's queued windows are dropped. Thread-safe: gRPC's threads and the
 * window callbacks serialize on the call.
 */
final class SynthesisCall {

    private static final Logger LOG = LoggerFactory.getLogger(SynthesisCall.class);

    private final SynthesisPlan plan;
    private final StreamObserver<AudioChunk> out;
    private final StreamingSession session;
    private final OutputPipeline pipeline;
    private final CallContext context;
    private final ArrayDeque<QueuedWindow> inFlight = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private int receivedFrames;
    private long modelSamples;
    private long sentSamples;
    private boolean closed;

    /**
     * Shared by every call of a service.
     *
     * @param contextFrames mel frames of context on each side of a chunk
     * @param maxFrames most frames per call
     * @param maxWindowsInFlight most windows of one call queued or running
     * @param callbacks runs the handling of finished windows (post-processing, sending)
     * @param metrics where to record time to first audio and real-time factor
     */
    record CallContext(int contextFrames, int maxFrames, int maxWindowsInFlight, Executor callbacks,
            ServerMetrics metrics) {
    }

    SynthesisCall(SynthesisPlan plan, StreamObserver<AudioChunk> out, CallContext context) {
        this.plan = plan;
        this.out = out;
        this.context = context;
        ModelInfo info = plan.model().info();
        this.session = plan.model().synthesizer().withRefinement(plan.refinementPasses()).openStream(
                new Chunking(plan.firstChunkFrames(), plan.chunkFrames(), context.contextFrames()), plan.sigma(),
                plan.seed());
        this.pipeline = OutputPipeline.create(info.sampleRate(), plan.sampleRate(), info.mel().stft(),
                plan.denoiserStrength() > 0 ? audio -> plan.model().denoise(audio, plan.denoiserStrength()) : null);
    }

    /** The request id, for logs. */
    String requestId() {
        return plan.requestId();
    }

    /**
     * Adds mel frames; bad frames end the call with INVALID_ARGUMENT.
     *
     * @param mel the next frames
     */
    synchronized void append(MelSpectrogram mel) {
        if (closed) {
            return;
        }
        try {
            int bands = plan.model().info().flow().nMelChannels();
            int frames = MelCodec.frames(mel, bands);
            if ((long) receivedFrames + frames > context.maxFrames()) {
                throw new IllegalArgumentException("too many frames: " + ((long) receivedFrames + frames)
                        + " mel frames in this request; expected at most " + context.maxFrames());
            }
            float[][] decoded = MelCodec.decode(mel, bands);
            MelArrays.requireWithinConvention(decoded, plan.model().info().mel());
            session.append(decoded);
            receivedFrames += frames;
        } catch (IllegalArgumentException e) {
            fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
            return;
        }
        advance();
    }

    /** The mel is complete: synthesize what is left, then complete the call. */
    synchronized void finish() {
        if (closed) {
            return;
        }
        if (receivedFrames == 0) {
            fail(Status.INVALID_ARGUMENT.withDescription("the request carried no mel frames; expected at least one"));
            return;
        }
        session.finish();
        advance();
    }

    /** The client cancelled or the deadline passed: drop the queued windows. */
    synchronized void cancel() {
        if (!closed) {
            closed = true;
            dropInFlight();
            log("cancelled after %d of %d frames", modelSamples / plan.model().info().flow().hopLength(),
                    receivedFrames);
        }
    }

    /**
     * Ends the call with an error.
     *
     * @param status the status, with a description
     */
    synchronized void fail(Status status) {
        if (closed) {
            return;
        }
        closed = true;
        dropInFlight();
        log("failed: %s %s", status.getCode(), status.getDescription());
        out.onError(status.asRuntimeException());
    }

    /** Queues what can be queued, then sends what is ready. */
    private void advance() {
        submit();
        sendReady();
    }

    /** Queues windows while the session has some and the call is under its in-flight limit. */
    private void submit() {
        while (!closed && inFlight.size() < context.maxWindowsInFlight()) {
            WindowTask task = session.nextTask();
            if (task == null) {
                break;
            }
            QueuedWindow window;
            try {
                window = plan.model().batcher().submit(task);
            } catch (QueueFullException e) {
                fail(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()));
                return;
            }
            inFlight.addLast(window);
            window.result().whenCompleteAsync((audio, error) -> windowDone(), context.callbacks());
        }
    }

    private synchronized void windowDone() {
        if (!closed) {
            advance();
        }
    }

    /** Sends finished windows in order, and completes the call when everything is sent. */
    private void sendReady() {
        try {
            while (!closed && !inFlight.isEmpty() && inFlight.peekFirst().result().isDone()) {
                QueuedWindow window = inFlight.pollFirst();
                float[] chunk = session.keep(window.task(), window.result().join());
                modelSamples += chunk.length;
                send(pipeline.push(chunk), false);
                submit();
            }
            if (!closed && inFlight.isEmpty() && session.isDone()) {
                send(pipeline.finish(), true);
                closed = true;
                out.onCompleted();
                double audioSeconds = (double) modelSamples / plan.model().info().sampleRate();
                double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
                context.metrics().synthesisDone(plan.model().id(), audioSeconds, wallSeconds);
                log("completed: %.2f s of audio in %.3f s", audioSeconds, wallSeconds);
            }
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            fail(cause instanceof CancellationException
                    ? Status.UNAVAILABLE.withDescription("the server is shutting down")
                    : Status.INTERNAL.withDescription("synthesis failed: " + cause).withCause(cause));
        } catch (RuntimeException e) {
            fail(Status.INTERNAL.withDescription("synthesis failed: " + e).withCause(e));
        }
    }

    private void send(float[] audio, boolean last) {
        if (audio.length == 0 && !last) {
            return;
        }
        if (sentSamples == 0 && audio.length > 0) {
            context.metrics().firstAudio(plan.model().id(), (System.nanoTime() - startNanos) / 1e9);
        }
        out.onNext(AudioChunk.newBuilder()
                .setRequestId(plan.requestId())
                .setData(AudioCodec.encode(audio, plan.encoding()))
                .setEncoding(plan.encoding())
                .setSampleRate(plan.sampleRate())
                .setFirstSample(sentSamples)
                .setSamples(audio.length)
                .setLast(last)
                .build());
        sentSamples += audio.length;
    }

    private void dropInFlight() {
        for (QueuedWindow window : inFlight) {
            window.cancel();
        }
        inFlight.clear();
    }

    private void log(String format, Object... args) {
        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, plan.requestId())) {
            LOG.info("{} {}", plan.model().id(), String.format(Locale.ROOT, format, args));
        }
    }
}
