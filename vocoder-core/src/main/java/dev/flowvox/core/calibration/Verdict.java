// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether audio is typical for a model, and where it is not.
 *
 * @param anomalous true when the score exceeds the threshold
 * @param score the clip's statistic: the worst (largest) margin of its segments and of its whole-clip
 *     statistics, in multiples of the bounds' scales
 * @param threshold the calibration's threshold on the score
 * @param checks every judged segment, in time order
 * @param clipCheck the whole-clip statistics judged, when the calibration bounds them and the clip
 *     was long enough
 */
public record Verdict(boolean anomalous, double score, double threshold, List<SegmentCheck> checks,
        Optional<ClipCheck> clipCheck) {

    /** Validates and freezes. */
    public Verdict {
        checks = List.copyOf(checks);
        Objects.requireNonNull(clipCheck, "clipCheck; expected Optional.empty() for none");
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one judged segment");
        }
        if (anomalous != (score > threshold)) {
            throw new IllegalArgumentException("anomalous is " + anomalous + " but score " + score + " vs threshold "
                    + threshold + " says " + (score > threshold));
        }
    }

    /**
     * Indices of the segments outside their bounds, worst first.
     *
     * @return indices into {@link #checks}
     */
    public List<Integer> anomalousSegments() {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).anomalous()) {
                indices.add(i);
            }
        }
        indices.sort(Comparator.comparingDouble((Integer i) -> checks.get(i).margin()).reversed());
        return indices;
    }

    /**
     * The segments with the largest margins, worst first (whether or not anomalous).
     *
     * @param count how many at most
     * @return indices into {@link #checks}
     */
    public List<Integer> worstSegments(int count) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            indices.add(i);
        }
        indices.sort(Comparator.comparingDouble((Integer i) -> checks.get(i).margin()).reversed());
        return indices.subList(0, Math.min(count, indices.size()));
    }

    /** The check of the worst segment. */
    public SegmentCheck worst() {
        return checks.get(worstSegments(1).get(0));
    }
}
