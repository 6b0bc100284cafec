// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

import java.time.Duration;

/**
 * How a {@link WindowBatcher} groups synthesis windows into forward passes.
 *
 * @param maxBatch most windows in one forward pass, at least 1
 * @param maxWait longest a window waits for others of its length before its pass starts anyway, at
 *     least zero (zero: run whatever is queued at once)
 * @param queueCapacity most windows waiting per model, at least 1; beyond it submissions are refused
 *     ({@link QueueFullException}, RESOURCE_EXHAUSTED to the client)
 */
public record BatchPolicy(int maxBatch, Duration maxWait, int queueCapacity) {

    /** Validates the limits. */
    public BatchPolicy {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch " + maxBatch + "; expected >= 1");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait " + maxWait + "; expected >= 0");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity " + queueCapacity + " windows; expected >= 1");
        }
    }
}
