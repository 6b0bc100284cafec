// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.Optional;

/**
 * What a {@link LikelihoodSource} says about one clip.
 *
 * @param natsPerSample mean log-likelihood over the clip, nats per sample
 * @param scoredSamples samples scored, at the model's rate
 * @param sampleRate the model's rate, Hz
 * @param verdict the calibration's judgement, empty when the model has no calibration
 */
public record ClipScore(double natsPerSample, long scoredSamples, int sampleRate, Optional<ClipVerdict> verdict) {

    /** Validates the counts. */
    public ClipScore {
        if (scoredSamples < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("score of " + scoredSamples + " samples at " + sampleRate
                    + " Hz; expected at least one sample and a positive rate");
        }
    }

    /** Duration scored, seconds. */
    public double seconds() {
        return (double) scoredSamples / sampleRate;
    }
}
