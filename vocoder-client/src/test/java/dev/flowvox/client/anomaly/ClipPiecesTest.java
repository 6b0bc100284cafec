// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class ClipPiecesTest {

    @Test
    void piecesAreAsFewAsFitAndNearEqual() {
        for (int length : new int[] {1, 255, 256, 257, 10_000, 55_040, 55_041, 132_300, 1_000_003}) {
            List<Integer> sizes = new ArrayList<>();
            for (int start = 0; start < length; ) {
                int end = ClipPieces.end(start, length, 55_040, 256);
                assertTrue(end > start && end - start <= 55_040, start + "-" + end);
                assertTrue(end == length || (end - start) % 256 == 0, "a whole number of frames: " + start + "-" + end);
                sizes.add(end - start);
                start = end;
            }
            assertEquals((length + 55_039) / 55_040, sizes.size(), "pieces of " + length + ": " + sizes);
            assertTrue(sizes.get(0) - sizes.get(sizes.size() - 1) < 256 * sizes.size(), "near-equal: " + sizes);
        }
    }

    @Test
    void theNextPieceStartsWhereTheLastCountedSegmentEnds() {
        ClipPieces.Piece piece = new ClipPieces.Piece(1000, 1400);
        assertEquals(1350, ClipPieces.resume(piece, 350), "the tail after it is scored again with the next piece");
        assertEquals(1400, ClipPieces.resume(piece, 420), "never past the piece's end");
        assertThrows(IllegalArgumentException.class, () -> ClipPieces.resume(piece, 0));
    }

    /** A file with sound whose middle piece is one long pause: judged whole, the pause would be skipped. */
    @Test
    void aSilentPieceOfAFileWithSoundCountsAsAPause() {
        List<ClipPieces.Piece> pieces = List.of(new ClipPieces.Piece(0, 300), new ClipPieces.Piece(300, 600),
                new ClipPieces.Piece(600, 700));
        ClipVerdict speech = verdict(0.5, -1.0, "nats_per_sample_low");
        SegmentResult quiet = new SegmentResult(0, 0.5, -90, List.of(), 2.5, "level_low", true);
        ClipVerdict silence = new ClipVerdict(true, 2.5, 2.0, List.of(quiet, quiet), Optional.empty());
        ClipScore joined = ClipPieces.join(pieces, List.of(new ClipScore(-4.0, 300, 100, Optional.of(speech)),
                new ClipScore(-9.0, 300, 100, Optional.of(silence)), new ClipScore(-4.0, 100, 100, Optional.of(speech))), 100);
        ClipVerdict v = joined.verdict().orElseThrow();
        assertFalse(v.anomalous(), "the pause is not judged: " + v);
        assertEquals(-1.0, v.score());
        assertEquals(List.of(0.0, 6.0), v.segments().stream().map(SegmentResult::startSeconds).toList());

        ClipScore allSilent = ClipPieces.join(pieces.subList(0, 2), List.of(new ClipScore(-9.0, 300, 100,
                Optional.of(silence)), new ClipScore(-9.0, 300, 100, Optional.of(silence))), 100);
        assertTrue(allSilent.verdict().orElseThrow().anomalous(), "a file without sound is anomalous");
        assertEquals(4, allSilent.verdict().orElseThrow().segments().size());
    }

    @Test
    void impossibleCutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClipPieces.end(0, 0, 512, 256));
        assertThrows(IllegalArgumentException.class, () -> ClipPieces.end(0, 1000, 255, 256));
        assertThrows(IllegalArgumentException.class, () -> ClipPieces.end(1000, 1000, 512, 256));
    }

    @Test
    void joinedScoresAverageOverSamplesAndKeepTheWorstPiece() {
        List<ClipPieces.Piece> pieces = List.of(new ClipPieces.Piece(0, 300), new ClipPieces.Piece(300, 400));
        ClipVerdict calm = verdict(0.5, -1.0, "nats_per_sample_low");
        ClipVerdict bad = verdict(0.25, 3.0, "max_group_energy_db_high");
        ClipScore joined = ClipPieces.join(pieces, List.of(new ClipScore(-4.0, 300, 100, Optional.of(calm)),
                new ClipScore(-2.0, 100, 100, Optional.of(bad))), 100);
        assertEquals(-3.5, joined.natsPerSample(), 1e-12);
        assertEquals(400, joined.scoredSamples());
        ClipVerdict v = joined.verdict().orElseThrow();
        assertEquals(3.0, v.score());
        assertTrue(v.anomalous());
        assertEquals(List.of(0.0, 3.0), v.segments().stream().map(SegmentResult::startSeconds).toList());
        assertEquals(3.25, v.segments().get(1).endSeconds(), 1e-12);
        assertEquals("max_group_energy_db_high", v.wholeClip().orElseThrow().deviation());

        ClipScore overlapping = ClipPieces.join(List.of(new ClipPieces.Piece(0, 300), new ClipPieces.Piece(250, 400)),
                List.of(new ClipScore(-4.0, 300, 100, Optional.of(calm)), new ClipScore(-2.0, 150, 100, Optional.of(bad))),
                100);
        assertEquals(400, overlapping.scoredSamples(), "the overlap counts once");
        assertEquals((-4.0 * 250 - 2.0 * 150) / 400, overlapping.natsPerSample(), 1e-12);

        ClipScore unjudged = ClipPieces.join(pieces, List.of(new ClipScore(-4.0, 300, 100, Optional.of(calm)),
                new ClipScore(-2.0, 100, 100, Optional.empty())), 100);
        assertTrue(unjudged.verdict().isEmpty(), "a verdict only when every piece has one");
    }

    private static ClipVerdict verdict(double segmentSeconds, double margin, String deviation) {
        boolean anomalous = margin > 2.0;
        SegmentResult segment = new SegmentResult(0, segmentSeconds, -20, List.of(), margin, deviation, anomalous);
        return new ClipVerdict(anomalous, margin, 2.0, List.of(segment),
                Optional.of(new WholeClipResult(List.of(new FeatureResult("onset_skewness", margin, -1, 1)), margin,
                        deviation, anomalous)));
    }
}
