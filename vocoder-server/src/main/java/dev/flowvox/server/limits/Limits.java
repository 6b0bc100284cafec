// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.limits;

/**
 * Per-request limits. A request beyond them gets INVALID_ARGUMENT naming the limit, so one client
 * cannot take the server's memory or time.
 *
 * @param maxFrames most mel frames in one synthesis request, streamed or not (a frame is {@code hop}
 *     samples: 8192 frames are 95 s at 22050 Hz)
 * @param maxChunkFrames largest {@code chunk_frames} a client may ask for
 * @param maxScoreSeconds longest audio one Score request may carry, seconds
 * @param maxMessageBytes largest inbound gRPC message, bytes
 * @param maxWindowsInFlight most windows of one call queued or running at once; the rest wait in the
 *     call, so one long request cannot fill the queue ahead of everyone else
 */
public record Limits(int maxFrames, int maxChunkFrames, double maxScoreSeconds, int maxMessageBytes,
        int maxWindowsInFlight) {

    /** Defaults: 8192 frames, chunks up to 512 frames, 120 s to score, 16 MiB messages, 4 windows in flight. */
    public static final Limits DEFAULT = new Limits(8192, 512, 120, 16 << 20, 4);

    /** Validates every limit is positive. */
    public Limits {
        if (maxFrames < 1 || maxChunkFrames < 1 || maxMessageBytes < 1024 || maxWindowsInFlight < 1
                || !(maxScoreSeconds > 0)) {
            throw new IllegalArgumentException("limits must be positive (and messages >= 1024 bytes); got max frames "
                    + maxFrames + ", max chunk frames " + maxChunkFrames + ", max score seconds " + maxScoreSeconds
                    + ", max message bytes " + maxMessageBytes + ", windows in flight " + maxWindowsInFlight);
        }
    }
}
