// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

/**
 * How a model is trained. Immutable and validated.
 *
 * @param segmentSamples length of the random audio segments (samples); rounded down to a multiple of
 *     {@code n_group} when batches are made
 * @param batchSize segments per step
 * @param learningRate Adam step size
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator guard
 * @param clipNorm gradients whose global L2 norm exceeds this are scaled down to it
 * @param sigma standard deviation of the latent prior (WaveGlow: 1.0)
 * @param checkpointEvery steps between checkpoints
 * @param validateEvery steps between validation passes
 * @param validationSeconds at most this many seconds of each validation file are scored
 * @param seed seed of segment sampling (and of the initial weights of a new model)
 */
public record TrainingConfig(
        int segmentSamples,
        int batchSize,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double clipNorm,
        double sigma,
        int checkpointEvery,
        int validateEvery,
        double validationSeconds,
        long seed) {

    /** Validates every field. */
    public TrainingConfig {
        positive("segment samples", segmentSamples);
        positive("batch size", batchSize);
        positive("learning rate", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        positive("epsilon", epsilon);
        positive("clip norm", clipNorm);
        positive("sigma", sigma);
        positive("checkpoint interval", checkpointEvery);
        positive("validation interval", validateEvery);
        positive("validation seconds", validationSeconds);
    }

    /**
     * The defaults: 16000-sample segments, batch 8, Adam at 4e-4 (0.9, 0.999, 1e-8), clipping at
     * norm 10, sigma 1, checkpoints every 100 steps, validation every 500 steps on up to 10 s per file.
     *
     * @param seed sampling seed
     * @return the configuration
     */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(16000, 8, 4e-4, 0.9, 0.999, 1e-8, 10.0, 1.0, 100, 500, 10.0, seed);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
