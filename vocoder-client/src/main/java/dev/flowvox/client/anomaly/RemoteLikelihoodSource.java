// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.client.VocoderClient;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.Audio;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.CalibrationVerdict;
import dev.flowvox.proto.v1.ClipCheck;
import dev.flowvox.proto.v1.ListModelsResponse;
import dev.flowvox.proto.v1.ModelInfo;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.ScoreSegment;
import dev.flowvox.proto.v1.SegmentCheck;

import io.grpc.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Scores on a flowvox server through the gRPC {@code Score} call; the server judges with the
 * calibration stored in its model's bundle. Audio longer than the server's {@code Score} limit
 * ({@code ModelInfo.max_score_seconds}), or too long for one message of the server's
 * ({@code ModelInfo.max_message_bytes}), is sent in pieces (see {@link #longestPiece()}). The caller
 * owns the channel or client (and closes it). Thread-safe.
 */
public final class RemoteLikelihoodSource implements LikelihoodSource {

    /**
     * Bytes of a Score request besides its samples, with room to spare: the model id, the audio's
     * encoding and rate, and the fields' tags and lengths.
     */
    private static final int REQUEST_OVERHEAD_BYTES = 1024;

    private final VocoderClient client;
    private final String modelId;
    private final int sampleRate;
    private final boolean calibrated;
    private final int hop;
    private final int longestPiece;

    /**
     * Asks the server for the model's rate and calibration status ({@code GetModel}).
     *
     * @param channel channel to the server, owned by the caller
     * @param modelId model to use; empty for the server's scoring model
     *     ({@code ListModelsResponse.default_score_model_id})
     * @param deadline deadline of each call
     * @throws io.grpc.StatusRuntimeException if the server cannot be reached or has no such model
     */
    public RemoteLikelihoodSource(Channel channel, String modelId, Duration deadline) {
        this(new VocoderClient(channel).withDeadline(deadline), modelId);
    }

    /**
     * A source on a client: its servers, TLS, bearer token, deadline and retries; the caller closes the
     * client.
     *
     * @param client the client
     * @param modelId model to use; empty for the server's scoring model
     *     ({@code ListModelsResponse.default_score_model_id})
     * @throws io.grpc.StatusRuntimeException if the server cannot be reached or has no such model
     */
    public RemoteLikelihoodSource(VocoderClient client, String modelId) {
        this.client = client;
        ModelInfo info = client.getModel(modelId.isEmpty() ? scoringModel(client.listModels()) : modelId);
        this.modelId = info.getId();
        this.sampleRate = info.getSampleRate();
        this.calibrated = info.getCalibrated();
        this.hop = info.getHopLength();
        this.longestPiece = longestPiece(samplesWithin(info), hop);
    }

    /**
     * The most samples one Score request may carry under the server's limits: its seconds, and its
     * message size for FLOAT32 samples; a limit the server does not report does not count.
     */
    private static double samplesWithin(ModelInfo info) {
        double samples = Double.POSITIVE_INFINITY;
        if (info.getMaxScoreSeconds() > 0) {
            samples = info.getMaxScoreSeconds() * info.getSampleRate();
        }
        if (info.getMaxMessageBytes() > 0) {
            samples = Math.min(samples, (double) (info.getMaxMessageBytes() - REQUEST_OVERHEAD_BYTES) / Float.BYTES);
        }
        return samples;
    }

    /** The limit in whole mel frames, at least one frame; no limit from servers that report none. */
    private static int longestPiece(double samples, int hop) {
        if (samples == Double.POSITIVE_INFINITY) {
            return Integer.MAX_VALUE;
        }
        long frames = (long) Math.floor(samples / hop);
        return (int) Math.min(Integer.MAX_VALUE / hop * hop, Math.max(1, frames) * hop);
    }

    /** The server's scoring model; a server older than that field names only its default model. */
    private static String scoringModel(ListModelsResponse models) {
        return models.getDefaultScoreModelId().isEmpty() ? models.getDefaultModelId() : models.getDefaultScoreModelId();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean calibrated() {
        return calibrated;
    }

    /** The server's {@code Score} limits (seconds and message size), rounded down to whole mel frames. */
    @Override
    public int longestPiece() {
        return longestPiece;
    }

    @Override
    public ClipScore score(float[] audio) {
        if (audio.length <= longestPiece) {
            return toClient(call(audio));
        }
        List<ClipPieces.Piece> pieces = new ArrayList<>();
        List<ClipScore> scores = new ArrayList<>();
        int start = 0;
        while (true) {
            ClipPieces.Piece piece = new ClipPieces.Piece(start, ClipPieces.end(start, audio.length, longestPiece, hop));
            ScoreResponse response = call(Arrays.copyOfRange(audio, piece.start(), piece.end()));
            pieces.add(piece);
            scores.add(toClient(response));
            if (piece.end() == audio.length) {
                return ClipPieces.join(pieces, scores, sampleRate);
            }
            start = ClipPieces.resume(piece, covered(response));
        }
    }

    /** Samples up to the end of the last segment a judgement counts ({@link Calibration#isFullLength}). */
    private static long covered(ScoreResponse response) {
        long longest = response.getSegmentsList().stream().mapToLong(s -> s.getEndSample() - s.getStartSample()).max()
                .orElse(0);
        return response.getSegmentsList().stream()
                .filter(s -> Calibration.isFullLength(s.getEndSample() - s.getStartSample(), longest))
                .mapToLong(ScoreSegment::getEndSample).max().orElse(response.getScoredSamples());
    }

    private ScoreResponse call(float[] audio) {
        return client.score(ScoreRequest.newBuilder()
                        .setModelId(modelId)
                        .setAudio(Audio.newBuilder().setData(AudioCodec.encode(audio, AudioEncoding.FLOAT32))
                                .setEncoding(AudioEncoding.FLOAT32).setSampleRate(sampleRate))
                        .build());
    }

    private static ClipScore toClient(ScoreResponse response) {
        Optional<ClipVerdict> verdict = response.hasVerdict()
                ? Optional.of(toClient(response.getVerdict(), response.getSampleRate())) : Optional.empty();
        return new ClipScore(response.getNatsPerSample(), response.getScoredSamples(), response.getSampleRate(), verdict);
    }

    private static ClipVerdict toClient(CalibrationVerdict wire, int rate) {
        List<SegmentResult> segments = new ArrayList<>();
        for (SegmentCheck c : wire.getChecksList()) {
            List<FeatureResult> features = c.getFeaturesList().stream()
                    .map(f -> new FeatureResult(f.getName(), f.getValue(), f.getLower(), f.getUpper())).toList();
            segments.add(new SegmentResult((double) c.getStartSample() / rate, (double) c.getEndSample() / rate,
                    c.getLevelDbfs(), features, c.getMargin(), c.getDeviation(), c.getAnomalous()));
        }
        Optional<WholeClipResult> wholeClip = wire.hasClip() ? Optional.of(toClient(wire.getClip())) : Optional.empty();
        return new ClipVerdict(wire.getAnomalous(), wire.getScore(), wire.getThreshold(), segments, wholeClip);
    }

    private static WholeClipResult toClient(ClipCheck wire) {
        List<FeatureResult> features = wire.getFeaturesList().stream()
                .map(f -> new FeatureResult(f.getName(), f.getValue(), f.getLower(), f.getUpper())).toList();
        return new WholeClipResult(features, wire.getMargin(), wire.getDeviation(), wire.getAnomalous());
    }
}
