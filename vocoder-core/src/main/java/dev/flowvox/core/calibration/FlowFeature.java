// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.score.LikelihoodScore;

import java.util.Arrays;
import java.util.List;

/**
 * The per-segment statistics of a flow's score that a calibration can bound. The first two summarise
 * the whole segment; the group extremes keep short events (a 150 ms dropout, a click) from being
 * averaged away over a segment of hundreds of milliseconds.
 */
public enum FlowFeature {

    /** Mean log-likelihood, nats per sample. */
    NATS_PER_SAMPLE("nats_per_sample") {
        @Override
        public double of(LikelihoodScore.Segment segment) {
            return segment.natsPerSample();
        }
    },
    /** Mean {@code z²/σ²} of the latent (about 1 when typical). */
    LATENT_ENERGY("latent_energy") {
        @Override
        public double of(LikelihoodScore.Segment segment) {
            return segment.latentEnergy();
        }
    },
    /** Mean {@code z²/σ²} of the quietest group of latent values, in dB (0 dB typical). */
    MIN_GROUP_ENERGY_DB("min_group_energy_db") {
        @Override
        public double of(LikelihoodScore.Segment segment) {
            return decibels(segment.minGroupEnergy());
        }
    },
    /** Mean {@code z²/σ²} of the loudest group of latent values, in dB (0 dB typical). */
    MAX_GROUP_ENERGY_DB("max_group_energy_db") {
        @Override
        public double of(LikelihoodScore.Segment segment) {
            return decibels(segment.maxGroupEnergy());
        }
    };

    /** Floor of the dB features: an all-zero latent group. */
    public static final double FLOOR_DB = -100;

    private final String featureName;

    FlowFeature(String featureName) {
        this.featureName = featureName;
    }

    /** The name calibrations and the wire format use. */
    public String featureName() {
        return featureName;
    }

    /**
     * The feature's value for one segment.
     *
     * @param segment a segment of a score
     * @return a finite value
     */
    public abstract double of(LikelihoodScore.Segment segment);

    /**
     * The feature of a name.
     *
     * @param name e.g. {@code nats_per_sample}
     * @return the feature
     * @throws IllegalArgumentException for a name that is not a flow feature
     */
    public static FlowFeature named(String name) {
        for (FlowFeature feature : values()) {
            if (feature.featureName.equals(name)) {
                return feature;
            }
        }
        throw new IllegalArgumentException("unknown flow feature '" + name + "'; expected one of " + names());
    }

    /** The names of every feature, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(FlowFeature::featureName).toList();
    }

    private static double decibels(double energy) {
        return Math.max(FLOOR_DB, 10 * Math.log10(energy));
    }
}
