// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

/**
 * One segment of checked audio against the calibration's bounds for its loudness (at the threshold).
 *
 * @param startSeconds start of the segment, seconds
 * @param endSeconds end of the segment, seconds
 * @param levelDb loudness, RMS dBFS (at least -100)
 * @param natsPerSample mean log-likelihood, nats per sample
 * @param lowerNats lower bound on nats per sample
 * @param upperNats upper bound on nats per sample
 * @param latentEnergy mean {@code z²/σ²} of the latent (about 1 when typical)
 * @param lowerLatentEnergy lower bound on the latent energy
 * @param upperLatentEnergy upper bound on the latent energy
 * @param margin worst margin over loudness and features, in multiples of the bounds' spreads
 *     (negative inside)
 * @param deviation the bound the margin is measured against, e.g. {@code nats_per_sample_low}
 * @param anomalous whether the margin exceeds the threshold
 */
public record SegmentResult(double startSeconds, double endSeconds, double levelDb, double natsPerSample, double lowerNats,
        double upperNats, double latentEnergy, double lowerLatentEnergy, double upperLatentEnergy, double margin,
        String deviation, boolean anomalous) {

    /** Validates the time range. */
    public SegmentResult {
        if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException("segment " + startSeconds + "-" + endSeconds
                    + " s; expected 0 <= start < end");
        }
    }
}
