// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

/**
 * One feature of a checked segment against its bounds (widened by the threshold).
 *
 * @param name the feature, e.g. {@code nats_per_sample} or {@code min_group_energy_db}
 * @param value its value
 * @param lower lower bound
 * @param upper upper bound
 */
public record FeatureResult(String name, double value, double lower, double upper) {

    /** Whether the value lies within the bounds. */
    public boolean within() {
        return value >= lower && value <= upper;
    }
}
