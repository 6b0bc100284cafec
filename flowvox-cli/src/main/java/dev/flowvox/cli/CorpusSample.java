// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.audio.AudioClip;
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
        if (max < 1) {
            throw new IllegalArgumentException("clip limit " + max + "; expected at least 1");
        }
        int size = corpus.clips().size();
        if (size <= max) {
            return corpus;
        }
        int stride = (size + max - 1) / max;
        List<String> names = new ArrayList<>();
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 0; i < size; i += stride) {
            names.add(corpus.names().get(i));
            clips.add(corpus.clips().get(i));
        }
        return new Corpus(corpus.source(), names, clips);
    }
}
