// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A calibration's two-sided bounds on whole-clip statistics ({@link ClipFeature}).
 *
 * @param names the bounded statistics, in order; empty when the calibration has none
 * @param bounds one per name
 * @param minSeconds one per name: the shortest clip the bound judges, as short as the clips it was
 *     learned from ({@link FlowFeatures#forCalibration} leaves the statistic out of shorter clips)
 */
public record ClipBounds(List<String> names, List<Bounds> bounds, List<Double> minSeconds) {

    /** A calibration without whole-clip bounds (version 1, or a method without clip statistics). */
    public static final ClipBounds NONE = new ClipBounds(List.of(), List.of(), List.of());

    /**
     * The shortest clip that calibrations written before the minimum was stored judge with any
     * whole-clip statistic: they learned them from clips of at least a second.
     */
    public static final double LEGACY_MIN_SECONDS = 1.0;

    /** Validates and freezes. */
    public ClipBounds {
        names = List.copyOf(names);
        bounds = List.copyOf(bounds);
        minSeconds = List.copyOf(minSeconds);
        if (names.size() != bounds.size() || names.size() != minSeconds.size()) {
            throw new IllegalArgumentException(names.size() + " clip statistics but " + bounds.size() + " bounds and "
                    + minSeconds.size() + " minimum durations; expected one of each per statistic");
        }
        for (double seconds : minSeconds) {
            if (!(seconds >= 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("minimum clip duration " + seconds
                        + " s; expected a finite value >= 0");
            }
        }
    }

    /**
     * The same bounds with every scale multiplied by a factor: margins divide by it.
     *
     * @param factor {@code > 0}
     * @return the rescaled bounds
     */
    public ClipBounds rescaled(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor " + factor + "; expected a finite value > 0");
        }
        return new ClipBounds(names, bounds.stream().map(b -> new Bounds(b.lower(), b.upper(), b.scale() * factor))
                .toList(), minSeconds);
    }

    /** Whether there is anything to check. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Judges a clip's statistics: those it has, each on the side it can be anomalous on ({@link
     * ClipFeature#side}).
     *
     * @param values one per name, NaN for a statistic the clip does not have
     * @param threshold the calibration's threshold, which widens the reported bounds
     * @return the check: the worst margin and the statistic it belongs to; empty when the clip has none
     */
    public Optional<ClipCheck> check(double[] values, double threshold) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("clip has " + values.length + " statistics; expected " + names.size() + " "
                    + names);
        }
        List<String> judged = new ArrayList<>();
        List<Bounds> judgedBounds = new ArrayList<>();
        List<Double> judgedValues = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                judged.add(names.get(i));
                judgedBounds.add(bounds.get(i));
                judgedValues.add(values[i]);
            }
        }
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        double[] measured = judgedValues.stream().mapToDouble(Double::doubleValue).toArray();
        List<Bounds.Side> sides = judged.stream().map(ClipFeature::sideOf).toList();
        int worst = Bounds.worst(judgedBounds, measured, sides);
        double margin = judgedBounds.get(worst).margin(measured[worst], sides.get(worst));
        boolean low = judgedBounds.get(worst).isLow(measured[worst], sides.get(worst));
        List<Bounds> widened = judgedBounds.stream().map(b -> b.widened(threshold)).toList();
        return Optional.of(new ClipCheck(judged, measured, widened, margin, worst, low, margin > threshold));
    }
}
