// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.config;

/**
 * How synthesis is cut into windows (see {@code StreamingSession} in the core).
 *
 * @param firstChunkFrames mel frames of the first chunk when a request does not say, at least 1; smaller
 *     than later chunks so that the first audio comes sooner
 * @param chunkFrames mel frames per later chunk when a request does not say, at least 1
 * @param contextFrames mel frames of context on each side of a chunk, at least 0; more context
 *     brings streamed audio closer to one-pass synthesis (the measured SNR is in the README)
 */
public record StreamingConfig(int firstChunkFrames, int chunkFrames, int contextFrames) {

    /** The defaults chosen from the measurements in the server's README. */
    public static final StreamingConfig DEFAULT = new StreamingConfig(8, 32, 24);

    /** Validates the sizes. */
    public StreamingConfig {
        if (firstChunkFrames < 1 || chunkFrames < 1 || contextFrames < 0) {
            throw new IllegalArgumentException("chunks of " + firstChunkFrames + " then " + chunkFrames
                    + " frames and context " + contextFrames + " frames; expected chunks >= 1 and context >= 0");
        }
    }
}
