// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

/** A window was refused because its model's queue already holds {@link BatchPolicy#queueCapacity()} windows. */
public final class QueueFullException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param capacity the queue's capacity, windows
     */
    public QueueFullException(int capacity) {
        super("the synthesis queue is full (" + capacity + " windows); retry later");
    }
}
