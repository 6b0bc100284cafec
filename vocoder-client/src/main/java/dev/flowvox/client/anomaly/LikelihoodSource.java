// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

/**
 * Where an {@link AudioAnomalyDetector}'s scores come from: a model in this process
 * ({@link LocalLikelihoodSource}) or a flowvox server ({@link RemoteLikelihoodSource}). Either way
 * the model's own calibration judges the audio.
 */
public interface LikelihoodSource {

    /** The model's audio rate, Hz; {@link #score} takes audio at this rate. */
    int sampleRate();

    /** Whether the model carries a calibration (otherwise {@link ClipScore#verdict()} is empty). */
    boolean calibrated();

    /**
     * Longest audio judged as one clip, samples. {@link #score} judges longer audio in consecutive
     * pieces of at most this length, each like a clip of its own: its segments on the audio's time
     * line, and whole-clip statistics per piece (the verdict names the piece that deviates most).
     *
     * @return the length; {@link Integer#MAX_VALUE} when every clip is judged whole
     */
    default int longestPiece() {
        return Integer.MAX_VALUE;
    }

    /**
     * Scores a clip against its own mel and judges it.
     *
     * @param audio mono samples in [-1, 1] at {@link #sampleRate()}, at least one group of the model
     * @return the score and, for calibrated models, the verdict
     * @throws IllegalArgumentException if the audio is too short or not finite
     */
    ClipScore score(float[] audio);
}
