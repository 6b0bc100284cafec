// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

/** What a {@link WindowBatcher} reports as it works (metrics). Called on the batcher's threads; keep it cheap. */
public interface BatchListener {

    /** A listener that ignores everything. */
    BatchListener NONE = new BatchListener() {
    };

    /**
     * A forward pass finished.
     *
     * @param windows windows in the pass
     * @param samples audio samples the pass produced, all windows together
     * @param seconds wall time of the pass
     */
    default void batchDone(int windows, long samples, double seconds) {
    }

    /**
     * Queued windows were dropped because their call was cancelled or its deadline passed.
     *
     * @param windows how many
     */
    default void windowsDropped(int windows) {
    }

    /**
     * A window was refused because the queue was full.
     */
    default void windowRefused() {
    }
}
