// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.Comparator;
import java.util.List;

/**
 * The calibration's judgement of one clip.
 *
 * @param anomalous whether {@code score > threshold}
 * @param score the clip's worst segment margin (multiples of the bounds' spreads)
 * @param threshold the calibrated threshold
 * @param segments every judged segment, in time order
 */
public record ClipVerdict(boolean anomalous, double score, double threshold, List<SegmentResult> segments) {

    /** Freezes the segments. */
    public ClipVerdict {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one judged segment");
        }
    }

    /**
     * The segments with the largest margins.
     *
     * @param count how many at most
     * @return worst first
     */
    public List<SegmentResult> worst(int count) {
        return segments.stream().sorted(Comparator.comparingDouble(SegmentResult::margin).reversed()).limit(count)
                .toList();
    }
}
