// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

/**
 * One unit of streaming synthesis: run the flow on mel frames {@code [firstFrame, firstFrame +
 * frames)} with the request's latent for the same samples, then keep samples {@code [keepFrom,
 * keepTo)} (relative to the window's first sample). Windows of equal {@code frames} can share one
 * batched forward pass ({@link Synthesizer#synthesizeBatch}).
 *
 * @param mel the window's log-mel {@code [n_mel][frames]}
 * @param latent the window's standard-normal latent, already scaled by the request's sigma, {@code
 *     [n_group][groups]} channel-major
 * @param firstFrame index of the window's first frame in the request
 * @param keepFrom first sample to keep, relative to the window
 * @param keepTo end (exclusive) of the samples to keep, relative to the window
 */
public record WindowTask(float[][] mel, float[] latent, int firstFrame, int keepFrom, int keepTo) {

    /** Frames in the window (the batching key). */
    public int frames() {
        return mel[0].length;
    }
}
