// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * A calibration's two-sided bounds on whole-clip statistics ({@link ClipFeature}).
 *
 * @param names the bounded statistics, in order; empty when the calibration has none
 * @param bounds one per name
 */
public record ClipBounds(List<String> names, List<Bounds> bounds) {

    /** A calibration without whole-clip bounds (version 1, or a method without clip statistics). */
    public static final ClipBounds NONE = new ClipBounds(List.of(), List.of());

    /** Validates and freezes. */
    public ClipBounds {
        names = List.copyOf(names);
        bounds = List.copyOf(bounds);
        if (names.size() != bounds.size()) {
            throw new IllegalArgumentException(names.size() + " clip statistics but " + bounds.size()
                    + " bounds; expected one bound per statistic");
        }
    }

    /** Whether there is anything to check. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Judges a clip's statistics.
     *
     * @param values one per name
     * @param threshold the calibration's threshold, which widens the reported bounds
     * @return the check: the worst margin and the statistic it belongs to
     */
    public ClipCheck check(double[] values, double threshold) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("clip has " + values.length + " statistics; expected " + names.size() + " "
                    + names);
        }
        int worst = Bounds.worst(bounds, values);
        double margin = bounds.get(worst).margin(values[worst]);
        return new ClipCheck(values, bounds.stream().map(b -> b.widened(threshold)).toList(), margin, worst,
                bounds.get(worst).isLow(values[worst]), margin > threshold);
    }
}
