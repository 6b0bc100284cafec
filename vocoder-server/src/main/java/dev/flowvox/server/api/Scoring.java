// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.audio.AudioFormatException;
import dev.flowvox.core.audio.LoadedAudio;
import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.ClipFeature;
import dev.flowvox.core.calibration.FlowFeature;
import dev.flowvox.core.calibration.FlowFeatures;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.score.LikelihoodScore;
import dev.flowvox.core.synth.MelArrays;
import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.Audio;
import dev.flowvox.proto.v1.ScoreRequest;
import dev.flowvox.proto.v1.ScoreResponse;
import dev.flowvox.proto.v1.ScoreSegment;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.registry.ServedModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a {@code Score} request: decode, resample, mel (unless given), exact likelihood, segments,
 * and the calibration's verdict when the model has one.
 */
final class Scoring {

    /** Segment length when the request does not say, seconds. */
    static final double DEFAULT_SEGMENT_SECONDS = 0.5;
    /** Longest segment, seconds. */
    static final double MAX_SEGMENT_SECONDS = 60;

    private final ModelRegistry models;
    private final double maxSeconds;

    /**
     * @param models loaded models
     * @param maxSeconds longest audio accepted, seconds
     */
    Scoring(ModelRegistry models, double maxSeconds) {
        this.models = models;
        this.maxSeconds = maxSeconds;
    }

    /**
     * Scores a request.
     *
     * @param request the request
     * @return the response; {@code verdict} is set when the model's bundle carries a calibration
     * @throws IllegalArgumentException for any bad input, naming it (unknown model, malformed or
     *     empty audio, unsupported encoding or rate, too long, bad mel or segment length)
     */
    ScoreResponse score(ScoreRequest request) {
        ServedModel model = models.findForScoring(request.getModelId()).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + request.getModelId() + "'; this server has " + models.ids()));
        ModelInfo info = model.info();
        Optional<Calibration> calibration = model.calibration();
        double segmentSeconds = request.getSegmentSeconds() != 0 ? request.getSegmentSeconds()
                : calibration.map(Calibration::segmentSeconds).orElse(DEFAULT_SEGMENT_SECONDS);
        if (!(segmentSeconds > 0 && segmentSeconds <= MAX_SEGMENT_SECONDS)) {
            throw new IllegalArgumentException("segment_seconds " + request.getSegmentSeconds() + "; expected (0, "
                    + MAX_SEGMENT_SECONDS + "], or 0 for " + DEFAULT_SEGMENT_SECONDS);
        }
        List<String> warnings = new ArrayList<>();
        float[] audio = audioOf(request, info.sampleRate(), warnings);
        if (audio.length == 0) {
            throw new IllegalArgumentException("audio is empty; expected at least one group of "
                    + info.flow().nGroup() + " samples");
        }
        if (audio.length > maxSeconds * info.sampleRate()) {
            throw new IllegalArgumentException("audio is " + (double) audio.length / info.sampleRate()
                    + " s long; expected at most " + maxSeconds + " s");
        }
        float[][] mel;
        if (request.hasMel()) {
            mel = MelCodec.decode(request.getMel(), info.mel().nMels());
            MelArrays.requireWithinConvention(mel, info.mel());
        } else {
            mel = new MelSpectrogram(info.mel()).compute(audio);
        }
        LikelihoodScore score = model.scorer().score(audio, mel);
        ScoreResponse.Builder response = ScoreResponse.newBuilder()
                .setModelId(model.id())
                .setTotalNats(score.totalNats())
                .setNatsPerSample(score.natsPerSample())
                .setScoredSamples(score.samples())
                .setIgnoredTailSamples(score.ignoredTailSamples())
                .setSampleRate(info.sampleRate())
                .addAllWarnings(warnings);
        for (LikelihoodScore.Segment segment : score.segments((int) Math.round(segmentSeconds * info.sampleRate()))) {
            response.addSegments(ScoreSegment.newBuilder()
                    .setStartSample(segment.startSample())
                    .setEndSample(segment.endSample())
                    .setNatsPerSample(segment.natsPerSample())
                    .setLevelDbfs(SegmentFeatures.levelDb(audio, (int) segment.startSample(), (int) segment.endSample()))
                    .setLatentEnergy(segment.latentEnergy())
                    .setMinGroupEnergyDb(FlowFeature.MIN_GROUP_ENERGY_DB.of(segment))
                    .setMaxGroupEnergyDb(FlowFeature.MAX_GROUP_ENERGY_DB.of(segment)));
        }
        calibration.ifPresent(c -> response.setVerdict(Verdicts.of(c, c.judge(FlowFeatures.forCalibration(c, score,
                ClipFeature.measure(audio, mel, info.mel()), audio, info.sampleRate())))));
        return response.build();
    }

    private static float[] audioOf(ScoreRequest request, int modelRate, List<String> warnings) {
        switch (request.getAudioSourceCase()) {
            case AUDIO -> {
                Audio audio = request.getAudio();
                int rate = audio.getSampleRate();
                if (rate < Resampler.MIN_RATE || rate > Resampler.MAX_RATE) {
                    throw new IllegalArgumentException("audio sample_rate " + Integer.toUnsignedString(rate)
                            + " Hz; expected " + Resampler.MIN_RATE + " to " + Resampler.MAX_RATE + " Hz");
                }
                float[] samples = AudioCodec.decode(audio.getData(), audio.getEncoding());
                if (rate == modelRate) {
                    return samples;
                }
                warnings.add("resampled " + rate + " Hz to " + modelRate + " Hz");
                return new Resampler(rate, modelRate).resample(samples);
            }
            case WAV -> {
                try {
                    LoadedAudio loaded = ModelInput.convert(WavReader.read(request.getWav().newInput(), "wav"),
                            modelRate);
                    warnings.addAll(loaded.warnings());
                    return loaded.clip().samples();
                } catch (AudioFormatException e) {
                    throw new IllegalArgumentException("malformed audio: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new IllegalArgumentException("unreadable audio: " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("no audio: expected 'audio' (packed samples) or 'wav'");
        }
    }
}
