// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calibration's judgement of one clip.
 *
 * @param anomalous whether {@code score > threshold}
 * @param score the clip's worst margin over its segments and, when judged, the whole clip (multiples
 *     of the bounds' spreads)
 * @param threshold the calibrated threshold
 * @param segments every judged segment, in time order
 * @param wholeClip the whole-clip statistics, when the calibration bounds them and the clip is long
 *     enough for at least one (half a second for most)
 */
public record ClipVerdict(boolean anomalous, double score, double threshold, List<SegmentResult> segments,
        Optional<WholeClipResult> wholeClip) {

    /** Freezes the segments. */
    public ClipVerdict {
        segments = List.copyOf(segments);
        Objects.requireNonNull(wholeClip, "wholeClip; expected Optional.empty() for none");
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
