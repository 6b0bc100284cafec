// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.score.LikelihoodScorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed validation set: the first {@code seconds} of every validation clip, each with its mel.
 *
 * @param audio clips, each a whole number of groups
 * @param mels their log-mels {@code [n_mel][frames]}
 */
public record ValidationSet(List<float[]> audio, List<float[][]> mels) {

    /** Freezes the lists. */
    public ValidationSet {
        audio = List.copyOf(audio);
        mels = List.copyOf(mels);
    }

    /**
     * Cuts the validation clips.
     *
     * @param corpus validation corpus
     * @param seconds maximum seconds per clip
     * @param nGroup samples per group of the flow
     * @param mel mel analysis of the model
     * @return the set
     */
    public static ValidationSet of(Corpus corpus, double seconds, int nGroup, MelSpectrogram mel) {
        List<float[]> audio = new ArrayList<>();
        List<float[][]> mels = new ArrayList<>();
        for (AudioClip clip : corpus.clips()) {
            int limit = (int) Math.min(clip.length(), Math.round(seconds * clip.sampleRate()));
            int samples = limit / nGroup * nGroup;
            if (samples == 0) {
                continue;
            }
            float[] cut = Arrays.copyOf(clip.samples(), samples);
            audio.add(cut);
            mels.add(mel.compute(cut));
        }
        return new ValidationSet(audio, mels);
    }

    /** Samples in the set. */
    public long samples() {
        return audio.stream().mapToLong(a -> a.length).sum();
    }

    /**
     * Negative log-likelihood of the set.
     *
     * @param scorer scorer with the current weights
     * @return nats per sample (lower is better)
     */
    public double negativeLogLikelihood(LikelihoodScorer scorer) {
        double nats = 0;
        for (int i = 0; i < audio.size(); i++) {
            nats += scorer.score(audio.get(i), mels.get(i)).totalNats();
        }
        return -nats / samples();
    }
}
