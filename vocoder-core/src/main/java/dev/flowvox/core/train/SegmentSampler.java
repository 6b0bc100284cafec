// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.dsp.MelSpectrogram;

import java.util.List;

/**
 * Draws training batches: each segment comes from a clip chosen with probability proportional to its
 * length, at a uniform start; clips shorter than a segment are zero-padded at the end (as NVIDIA's
 * loader does). The mel is computed from the segment itself. Deterministic given the generator's
 * state. Not thread-safe.
 */
public final class SegmentSampler {

    private final List<AudioClip> clips;
    private final long[] cumulative;
    private final int segmentSamples;
    private final MelSpectrogram mel;
    private final SplitMix64 random;

    /**
     * @param corpus training audio
     * @param segmentSamples samples per segment
     * @param mel mel analysis of the model
     * @param random generator (its state is the sampler's state)
     */
    public SegmentSampler(Corpus corpus, int segmentSamples, MelSpectrogram mel, SplitMix64 random) {
        this.clips = corpus.clips();
        this.cumulative = new long[clips.size()];
        long total = 0;
        for (int i = 0; i < clips.size(); i++) {
            total += clips.get(i).length();
            cumulative[i] = total;
        }
        this.segmentSamples = segmentSamples;
        this.mel = mel;
        this.random = random;
    }

    /** The generator, whose state a checkpoint stores. */
    public SplitMix64 random() {
        return random;
    }

    /**
     * Draws a batch.
     *
     * @param size segments
     * @return audio {@code [size][segmentSamples]} and mel {@code [size][n_mel][1 + segmentSamples / hop]}
     */
    public Batch next(int size) {
        float[][] audio = new float[size][];
        float[][][] mels = new float[size][][];
        for (int b = 0; b < size; b++) {
            AudioClip clip = clips.get(pickClip());
            float[] segment = new float[segmentSamples];
            int available = clip.length() - segmentSamples;
            int start = available > 0 ? (int) random.nextLong(available + 1L) : 0;
            System.arraycopy(clip.samples(), start, segment, 0, Math.min(segmentSamples, clip.length()));
            audio[b] = segment;
            mels[b] = mel.compute(segment);
        }
        return new Batch(audio, mels);
    }

    private int pickClip() {
        long target = random.nextLong(cumulative[cumulative.length - 1]);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
