// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.train.Corpus;

import java.util.ArrayList;
import java.util.List;

/** An evenly spaced, deterministic subset of a corpus (every k-th clip), to bound running time. */
final class CorpusSample {

    private CorpusSample() {
    }

    /**
     * @param corpus all clips
     * @param max clips to keep at most, >= 1
     * @return the corpus itself if it is small enough, else every k-th clip for the smallest k that fits
     */
    static Corpus of(Corpus corpus, int max) {
        if (corpus.clips().size() <= max) {
            return corpus;
        }
        return new Corpus(corpus.source(), evenly(corpus.names(), max), evenly(corpus.clips(), max));
    }

    /**
     * The same selection as {@link #of} over anything listed, e.g. files before they are read.
     *
     * @param items all items
     * @param max items to keep at most, >= 1
     * @return {@code items} if there are at most {@code max}, else every k-th for the smallest k that fits
     */
    static <T> List<T> evenly(List<T> items, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("clip limit " + max + "; expected at least 1");
        }
        int size = items.size();
        if (size <= max) {
            return items;
        }
        int stride = (size + max - 1) / max;
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < size; i += stride) {
            kept.add(items.get(i));
        }
        return kept;
    }
}
