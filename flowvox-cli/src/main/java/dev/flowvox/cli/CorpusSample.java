// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.train.Corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A deterministic subset of a corpus (every k-th clip, or the first ones), chosen before any clip is read. */
final class CorpusSample {

    private CorpusSample() {
    }

    /**
     * Every k-th clip of a manifest, for the smallest k that keeps at most {@code max}; only those
     * are read.
     *
     * @param manifest the TSV file
     * @param sampleRate the model's rate, Hz
     * @param max clips to keep at most, >= 1
     * @return the chosen clips
     * @throws IOException if the manifest or a chosen clip cannot be read
     */
    static Corpus evenly(Path manifest, int sampleRate, int max) throws IOException {
        return Corpus.load(manifest, evenly(Corpus.entries(manifest), max), sampleRate);
    }

    /**
     * The first clips of a manifest; only those are read.
     *
     * @param manifest the TSV file
     * @param sampleRate the model's rate, Hz
     * @param max clips to keep at most, >= 1
     * @return the first {@code max} clips, or all
     * @throws IOException if the manifest or a chosen clip cannot be read
     */
    static Corpus first(Path manifest, int sampleRate, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("clip limit " + max + "; expected at least 1");
        }
        List<Corpus.Entry> entries = Corpus.entries(manifest);
        return Corpus.load(manifest, entries.subList(0, Math.min(max, entries.size())), sampleRate);
    }

    /**
     * Every k-th item, e.g. files before they are read.
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
