// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

/** Distances between log-mel spectrograms of shape {@code [nMels][frames]}. */
public final class MelDistance {
    private MelDistance() {}

    /**
     * Mean absolute difference of log-mels (natural-log units), over every band and the frames both
     * have: the longer is truncated to the shorter's frame count (both start at frame 0).
     *
     * @param reference {@code [nMels][frames]}
     * @param test {@code [nMels][frames']}, same nMels
     * @return {@code mean |reference - test|}
     */
    public static double l1(float[][] reference, float[][] test) {
        if (reference.length == 0 || reference.length != test.length) {
            throw new IllegalArgumentException(test.length + " mel bands; expected " + reference.length
                    + " like the reference (and at least 1)");
        }
        int frames = Math.min(reference[0].length, test[0].length);
        if (frames == 0) {
            throw new IllegalArgumentException("no common frames; expected both mels non-empty");
        }
        double sum = 0;
        for (int m = 0; m < reference.length; m++) {
            for (int t = 0; t < frames; t++) {
                sum += Math.abs((double) reference[m][t] - test[m][t]);
            }
        }
        return sum / ((double) reference.length * frames);
    }
}
