// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.Audio;
import dev.flowvox.proto.v1.AudioChunk;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.GetModelRequest;
import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.ListModelsResponse;
import dev.flowvox.proto.v1.ModelInfo;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;
import dev.flowvox.proto.v1.SynthesizeStreamRequest;
import dev.flowvox.proto.v1.VocoderGrpc;

import com.google.protobuf.ByteString;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client of the flowvox vocoder service ({@code flowvox.v1.Vocoder}): synthesis (blocking, iterator,
 * callback, async, bidirectional streaming), exact likelihood scoring and model information.
 *
 * <p>Mel spectrograms are {@code float[n_mel][frames]} in NVIDIA's convention (natural-log
 * magnitudes, 256-sample hop at 22050 Hz); F frames give F · 256 samples at the model's rate. Audio
 * comes back as floats in [-1, 1] (see {@link AudioPiece}, {@link AudioClip}). Failed calls throw
 * (or complete futures with) {@link io.grpc.StatusRuntimeException}; read the code with
 * {@code Status.fromThrowable(e).getCode()}.
 *
 * <p>Connect with the builder; the client then owns its channel and {@link #close()} shuts it down:
 *
 * <pre>{@code
 * try (VocoderClient client = VocoderClient.builder()
 *         .setTarget("tts-1:50051,tts-2:50051")         // round robin over both
 *         .optTrustedCertificate(Path.of("ca.pem"))     // TLS
 *         .optBearerToken(System.getenv("FLOWVOX_TOKEN"))
 *         .optDeadline(Duration.ofSeconds(30))
 *         .build()) {
 *     AudioClip audio = client.synthesize(mel, SynthesisOptions.getDefaultInstance());
 *     try (AudioStream chunks = client.synthesizeStream(mel, SynthesisOptions.newBuilder().setSeed(7).build())) {
 *         chunks.forEachRemaining(piece -> play(piece.samples()));
 *     }
 *     double natsPerSample = client.score(audio).getNatsPerSample();
 * }
 * }</pre>
 *
 * <p>Or wrap a {@link Channel} you manage (and shut down) yourself: {@code new VocoderClient(channel)}.
 * Instances are immutable and thread-safe; {@link #withDeadline} and {@link #withCredentials} return
 * clients that share the channel.
 */
public final class VocoderClient implements AutoCloseable {

    /** Deadline of every call unless configured otherwise: 60 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final Channel channel;
    private final ManagedChannel owned;
    private final CallCredentials credentials;
    private final Duration deadline;

    /**
     * A client on a channel the caller owns (and shuts down), with the {@link #DEFAULT_DEADLINE} and no
     * call credentials.
     *
     * @param channel the channel
     */
    public VocoderClient(Channel channel) {
        this(channel, null, null, DEFAULT_DEADLINE);
    }

    VocoderClient(Channel channel, ManagedChannel owned, CallCredentials credentials, Duration deadline) {
        if (channel == null) {
            throw new IllegalArgumentException("channel is null; expected a gRPC channel");
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline " + deadline + "; expected a positive duration");
        }
        this.channel = channel;
        this.owned = owned;
        this.credentials = credentials;
        this.deadline = deadline;
    }

    /** @return a builder that connects to servers and owns the channel it creates */
    public static VocoderClientBuilder builder() {
        return new VocoderClientBuilder();
    }

    /**
     * A client on the same channel with another deadline per call; closing it leaves the channel open.
     *
     * @param perCall the deadline of each call, positive
     * @return the derived client
     */
    public VocoderClient withDeadline(Duration perCall) {
        return new VocoderClient(channel, null, credentials, perCall);
    }

    /**
     * A client on the same channel that sends these credentials (e.g. a {@link BearerToken}) with
     * every call; closing it leaves the channel open.
     *
     * @param callCredentials the credentials
     * @return the derived client
     */
    public VocoderClient withCredentials(CallCredentials callCredentials) {
        return new VocoderClient(channel, null, callCredentials, deadline);
    }

    /** @return the deadline of each call */
    public Duration deadline() {
        return deadline;
    }

    /**
     * Synthesizes a whole mel spectrogram and waits for all of its audio.
     *
     * @param mel {@code [n_mel][frames]}
     * @param options model, σ, seed, encoding, output rate…; {@code SynthesisOptions.getDefaultInstance()}
     *     for the server's defaults (PCM16 at the model's rate)
     * @return the audio, {@code frames · hop} samples at the model's rate (or the resampled length)
     */
    public AudioClip synthesize(float[][] mel, SynthesisOptions options) {
        AudioCollector collector = new AudioCollector();
        try (AudioStream stream = synthesizeStream(mel, options)) {
            stream.forEachRemaining(collector::add);
        }
        return collector.clip();
    }

    /**
     * Synthesizes a whole mel spectrogram; the audio arrives chunk by chunk as the server finishes each.
     *
     * @param mel {@code [n_mel][frames]}
     * @param options synthesis options
     * @return a blocking iterator over the chunks; close it to cancel early
     */
    public AudioStream synthesizeStream(float[][] mel, SynthesisOptions options) {
        SynthesizeRequest request = synthesizeRequest(mel, options);
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            Iterator<AudioChunk> chunks = blocking().synthesize(request);
            return new AudioStream(context, chunks);
        } finally {
            context.detach(previous);
        }
    }

    /**
     * Synthesizes a whole mel spectrogram; each chunk goes to the observer on a gRPC thread as soon as
     * it arrives, then {@code onCompleted} (or {@code onError} with a
     * {@link io.grpc.StatusRuntimeException}).
     *
     * @param mel {@code [n_mel][frames]}
     * @param options synthesis options
     * @param observer receives the audio; must not block for long
     */
    public void synthesize(float[][] mel, SynthesisOptions options, StreamObserver<AudioPiece> observer) {
        async().synthesize(synthesizeRequest(mel, options), new PieceObserver<>(observer));
    }

    /**
     * Synthesizes a whole mel spectrogram without blocking.
     *
     * @param mel {@code [n_mel][frames]}
     * @param options synthesis options
     * @return the whole audio when the last chunk arrives; cancelling the future cancels the call
     */
    public CompletableFuture<AudioClip> synthesizeAsync(float[][] mel, SynthesisOptions options) {
        ClipFuture future = new ClipFuture();
        async().synthesize(synthesizeRequest(mel, options), future);
        return future;
    }

    /**
     * Opens a bidirectional synthesis call for mel frames that become available a few at a time (a
     * streaming acoustic model). Audio goes to the observer as soon as the server has enough right
     * context; the deadline covers the whole stream. {@link MelStream#send} honours gRPC flow control.
     *
     * @param options synthesis options, sent first
     * @param observer receives the audio on a gRPC thread
     * @return where to send the frames; {@link MelStream#complete()} ends the mel
     */
    public MelStream openMelStream(SynthesisOptions options, StreamObserver<AudioPiece> observer) {
        MelStream stream = new MelStream(deadline);
        StreamObserver<SynthesizeStreamRequest> requests =
                async().synthesizeStream(new PieceObserver<>(observer, stream.hooks()));
        requests.onNext(SynthesizeStreamRequest.newBuilder().setOptions(options).build());
        return stream;
    }

    /**
     * Exact log-likelihood of audio under the server's scoring model ({@code
     * ListModelsResponse.default_score_model_id}), per 0.5 s segment too; the server computes the mel
     * and resamples other rates to the model's.
     *
     * @param audio mono audio at 8000 to 192000 Hz, sent as FLOAT32
     * @return total and per-segment nats, and a verdict when the model is calibrated
     */
    public ScoreResponse score(AudioClip audio) {
        return score(ScoreRequest.newBuilder().setAudio(Audio.newBuilder()
                .setData(AudioCodec.encode(audio.samples(), AudioEncoding.FLOAT32))
                .setEncoding(AudioEncoding.FLOAT32).setSampleRate(audio.sampleRate())).build());
    }

    /**
     * Exact log-likelihood of a WAV file's audio under the server's scoring model.
     *
     * @param wav a complete WAV file (PCM 8/16/24/32-bit, float or G.711 µ-law/A-law, any channels, 8000 to 192000 Hz)
     * @return total and per-segment nats
     */
    public ScoreResponse scoreWav(byte[] wav) {
        return score(ScoreRequest.newBuilder().setWav(ByteString.copyFrom(wav)).build());
    }

    /**
     * Scoring with every option of the API (model, segment length, a mel of your own, request id).
     *
     * @param request the request
     * @return the response
     */
    public ScoreResponse score(ScoreRequest request) {
        return blocking().score(request);
    }

    /**
     * @param request the request
     * @return the response when it arrives; cancelling the future cancels the call
     */
    public CompletableFuture<ScoreResponse> scoreAsync(ScoreRequest request) {
        UnaryFuture<ScoreRequest, ScoreResponse> future = new UnaryFuture<>();
        async().score(request, future);
        return future;
    }

    /** @return every model the server has loaded, and its default */
    public ListModelsResponse listModels() {
        return blocking().listModels(ListModelsRequest.getDefaultInstance());
    }

    /** @return {@link #listModels()} without blocking */
    public CompletableFuture<ListModelsResponse> listModelsAsync() {
        UnaryFuture<ListModelsRequest, ListModelsResponse> future = new UnaryFuture<>();
        async().listModels(ListModelsRequest.getDefaultInstance(), future);
        return future;
    }

    /**
     * @param modelId a model id ({@code ModelInfo.id})
     * @return the model's rate, mel settings, flow shape and provenance
     * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown id
     */
    public ModelInfo getModel(String modelId) {
        return blocking().getModel(GetModelRequest.newBuilder().setModelId(modelId).build());
    }

    /**
     * Shuts the channel down if this client created it (the builder's clients), waiting up to 5 s for
     * calls in flight to be cancelled; a client on a caller's channel leaves it open.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void close() throws InterruptedException {
        if (owned != null) {
            owned.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static SynthesizeRequest synthesizeRequest(float[][] mel, SynthesisOptions options) {
        return SynthesizeRequest.newBuilder().setOptions(options).setMel(MelCodec.encode(mel)).build();
    }

    private VocoderGrpc.VocoderBlockingStub blocking() {
        VocoderGrpc.VocoderBlockingStub stub = VocoderGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        return credentials == null ? stub : stub.withCallCredentials(credentials);
    }

    private VocoderGrpc.VocoderStub async() {
        VocoderGrpc.VocoderStub stub = VocoderGrpc.newStub(channel)
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        return credentials == null ? stub : stub.withCallCredentials(credentials);
    }
}
