// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.score;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact log-likelihood of audio given its mel under a flow: the continuous log-density, Gaussian
 * normalising constant included.
 *
 * @param groupNats log-density of each group of {@code groupSize} samples (nats), in time order
 * @param groupLatentEnergy squared norm of each group's latent in units of the prior's variance,
 *     {@code Σ z² / σ²} (dimensionless; about {@code groupSize} for audio the model finds typical),
 *     same order and length as {@code groupNats}
 * @param groupSize samples per group ({@code n_group} of the flow)
 * @param sampleRate samples per second, for time ranges
 * @param ignoredTailSamples samples at the end that did not fill a whole group and were not scored
 */
public record LikelihoodScore(double[] groupNats, double[] groupLatentEnergy, int groupSize, int sampleRate,
        int ignoredTailSamples) {

    /** Validates the sizes. */
    public LikelihoodScore {
        if (groupNats.length == 0) {
            throw new IllegalArgumentException("a score needs at least one group of samples");
        }
        if (groupLatentEnergy.length != groupNats.length) {
            throw new IllegalArgumentException("latent energy of " + groupLatentEnergy.length + " groups for the nats of "
                    + groupNats.length + " groups; expected one per group");
        }
        if (groupSize < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("group size and sample rate must be >= 1, got " + groupSize + " and "
                    + sampleRate);
        }
    }

    /** Samples scored. */
    public long samples() {
        return (long) groupNats.length * groupSize;
    }

    /** Total log-likelihood (nats). */
    public double totalNats() {
        double sum = 0;
        for (double nats : groupNats) {
            sum += nats;
        }
        return sum;
    }

    /** Mean log-likelihood per sample (nats/sample). */
    public double natsPerSample() {
        return totalNats() / samples();
    }

    /**
     * The score over consecutive time segments.
     *
     * @param segmentSamples samples per segment; rounded to whole groups, at least one group
     * @return segments in time order; the last may be shorter
     */
    public List<Segment> segments(int segmentSamples) {
        int groupsPerSegment = Math.max(1, Math.round((float) segmentSamples / groupSize));
        List<Segment> segments = new ArrayList<>();
        for (int first = 0; first < groupNats.length; first += groupsPerSegment) {
            int last = Math.min(groupNats.length, first + groupsPerSegment);
            double sum = 0;
            double energy = 0;
            double quietest = Double.POSITIVE_INFINITY;
            double loudest = 0;
            for (int g = first; g < last; g++) {
                sum += groupNats[g];
                energy += groupLatentEnergy[g];
                quietest = Math.min(quietest, groupLatentEnergy[g]);
                loudest = Math.max(loudest, groupLatentEnergy[g]);
            }
            long startSample = (long) first * groupSize;
            long endSample = (long) last * groupSize;
            long length = endSample - startSample;
            segments.add(new Segment(startSample, endSample, sum / length, energy / length, quietest / groupSize,
                    loudest / groupSize, sampleRate));
        }
        return segments;
    }

    /**
     * The score of one time range.
     *
     * @param startSample first sample (inclusive)
     * @param endSample last sample (exclusive)
     * @param natsPerSample mean log-likelihood over the range (nats/sample)
     * @param latentEnergy mean of {@code z² / σ²} over the range's latent values (dimensionless; about 1
     *     for audio the model finds typical)
     * @param minGroupEnergy mean {@code z² / σ²} of the range's quietest group of latent values: a
     *     dropout to digital silence drives it far below 1, however short
     * @param maxGroupEnergy mean {@code z² / σ²} of the range's loudest group: a click drives it far
     *     above 1, however short
     * @param sampleRate samples per second
     */
    public record Segment(long startSample, long endSample, double natsPerSample, double latentEnergy,
            double minGroupEnergy, double maxGroupEnergy, int sampleRate) {

        /** Start time in seconds. */
        public double startSeconds() {
            return (double) startSample / sampleRate;
        }

        /** End time in seconds. */
        public double endSeconds() {
            return (double) endSample / sampleRate;
        }
    }
}
