// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

import dev.flowvox.core.synth.WindowTask;

import java.util.concurrent.CompletableFuture;

/**
 * A window handed to a {@link WindowBatcher}: its result arrives in {@link #result()}, and
 * {@link #cancel()} takes it out of the queue if it has not started.
 */
public final class QueuedWindow {

    private final WindowTask task;
    private final long enqueuedNanos;
    private final CompletableFuture<float[]> result = new CompletableFuture<>();
    private final WindowBatcher owner;

    QueuedWindow(WindowTask task, long enqueuedNanos, WindowBatcher owner) {
        this.task = task;
        this.enqueuedNanos = enqueuedNanos;
        this.owner = owner;
    }

    /** The window. */
    public WindowTask task() {
        return task;
    }

    /** The flow's output for the whole window ({@code frames · hop} samples), or the failure of its pass. */
    public CompletableFuture<float[]> result() {
        return result;
    }

    /**
     * Drops the window if it is still queued (counted as dropped); a window already in a forward pass
     * finishes, but its result is discarded.
     */
    public void cancel() {
        owner.cancel(this);
        result.cancel(false);
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }
}
