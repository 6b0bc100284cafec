// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

/**
 * How a streamed request is cut into windows.
 *
 * @param firstChunkFrames mel frames of the first chunk, at least 1; a small first chunk brings the
 *     first audio sooner, later chunks are larger for efficiency
 * @param chunkFrames mel frames of every later chunk, at least 1
 * @param contextFrames mel frames of context on each side of a chunk, at least 0
 */
public record Chunking(int firstChunkFrames, int chunkFrames, int contextFrames) {

    /** Validates the sizes. */
    public Chunking {
        if (firstChunkFrames < 1 || chunkFrames < 1 || contextFrames < 0) {
            throw new IllegalArgumentException("chunks of " + firstChunkFrames + " then " + chunkFrames
                    + " frames with context " + contextFrames + "; expected chunks >= 1 frame and context >= 0");
        }
    }

    /**
     * Chunks of one size.
     *
     * @param chunkFrames frames per chunk
     * @param contextFrames frames of context on each side
     * @return the chunking
     */
    public static Chunking uniform(int chunkFrames, int contextFrames) {
        return new Chunking(chunkFrames, chunkFrames, contextFrames);
    }
}
