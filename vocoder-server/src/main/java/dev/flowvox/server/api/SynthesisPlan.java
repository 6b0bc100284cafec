// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.synth.MelRefinement;
import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.registry.ServedModel;

/**
 * A synthesis request's options with defaults applied and every value checked.
 *
 * @param model the model
 * @param sigma latent scale, in [0, {@value #MAX_SIGMA}]
 * @param refinementPasses mel refinement passes, in [0, {@value MelRefinement#MAX_PASSES}]
 * @param seed noise seed
 * @param denoiserStrength bias denoiser strength, in [0, 1]; 0 is off
 * @param encoding output encoding (not UNSPECIFIED)
 * @param sampleRate output rate, Hz, in [8000, 48000]
 * @param firstChunkFrames mel frames of the first chunk, at least 1
 * @param chunkFrames mel frames per later chunk, at least 1
 * @param requestId the caller's id or one made up
 */
record SynthesisPlan(ServedModel model, double sigma, int refinementPasses, long seed, double denoiserStrength,
        AudioEncoding encoding, int sampleRate, int firstChunkFrames, int chunkFrames, String requestId) {

    /** Largest latent scale accepted. */
    static final double MAX_SIGMA = SynthesisDefaults.MAX_SIGMA;
    /** Highest output rate, Hz: the model's band ends far below, so more would only cost bandwidth. */
    static final int MAX_OUTPUT_RATE = 48000;

    /** Validates the values (the factory has already given the client clear messages). */
    SynthesisPlan {
        if (model == null || encoding == null || requestId == null) {
            throw new IllegalArgumentException("model, encoding and request id are required");
        }
        if (firstChunkFrames < 1 || chunkFrames < 1) {
            throw new IllegalArgumentException("chunk frames " + firstChunkFrames + " then " + chunkFrames
                    + "; expected >= 1");
        }
    }

    /**
     * Resolves and checks a request's options.
     *
     * @param options the request's options
     * @param models loaded models
     * @param streaming server defaults
     * @param limits server limits
     * @return the plan
     * @throws IllegalArgumentException naming the first bad option and what is accepted
     */
    static SynthesisPlan of(SynthesisOptions options, ModelRegistry models, StreamingConfig streaming, Limits limits) {
        ServedModel model = models.find(options.getModelId()).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + options.getModelId() + "'; this server has " + models.ids()));
        double sigma = options.hasSigma() ? options.getSigma() : model.synthesisDefaults().sigma();
        if (!(sigma >= 0 && sigma <= MAX_SIGMA)) {
            throw new IllegalArgumentException("sigma " + sigma + "; expected 0 to " + MAX_SIGMA);
        }
        long passes = options.hasRefinementPasses() ? Integer.toUnsignedLong(options.getRefinementPasses())
                : model.synthesisDefaults().refinementPasses();
        if (passes > MelRefinement.MAX_PASSES) {
            throw new IllegalArgumentException("refinement_passes " + passes + "; expected 0 to "
                    + MelRefinement.MAX_PASSES);
        }
        double strength = options.getDenoiserStrength();
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("denoiser_strength " + strength + "; expected 0 to 1");
        }
        AudioEncoding encoding = switch (options.getEncoding()) {
            case AUDIO_ENCODING_UNSPECIFIED, PCM16 -> AudioEncoding.PCM16;
            case FLOAT32, MULAW, ALAW -> options.getEncoding();
            default -> throw new IllegalArgumentException("encoding " + options.getEncodingValue()
                    + " is not supported; expected PCM16, FLOAT32, MULAW or ALAW");
        };
        int modelRate = model.info().sampleRate();
        int rate = options.getSampleRate() == 0 ? modelRate : options.getSampleRate();
        if (rate < Resampler.MIN_RATE || rate > MAX_OUTPUT_RATE) {
            throw new IllegalArgumentException("sample_rate " + Integer.toUnsignedString(rate) + " Hz; expected "
                    + Resampler.MIN_RATE + " to " + MAX_OUTPUT_RATE + " Hz, or 0 for the model's " + modelRate
                    + " Hz");
        }
        int chunk = options.getChunkFrames();
        if (chunk > limits.maxChunkFrames()) {
            throw new IllegalArgumentException("chunk_frames " + Integer.toUnsignedString(chunk) + "; expected 1 to "
                    + limits.maxChunkFrames() + ", or 0 for the defaults (" + streaming.firstChunkFrames() + " then "
                    + streaming.chunkFrames() + ")");
        }
        int first = chunk == 0 ? streaming.firstChunkFrames() : chunk;
        int later = chunk == 0 ? streaming.chunkFrames() : chunk;
        return new SynthesisPlan(model, sigma, (int) passes, options.hasSeed() ? options.getSeed() : 0, strength,
                encoding, rate, first, later, RequestIds.resolve(options.getRequestId()));
    }
}
