// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

import dev.flowvox.core.synth.WindowTask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Shares forward passes between concurrent requests of one model. Windows queue in arrival order; a
 * worker takes the oldest window together with up to {@code maxBatch - 1} later windows of the same
 * length ({@link WindowTask#frames()}), waiting at most {@code maxWait} after the oldest arrived for
 * the batch to fill, and runs them in one batched pass. The queue is bounded: a full queue refuses
 * new windows ({@link QueueFullException}) instead of growing. Cancelled windows leave the queue at
 * once and are counted ({@link BatchListener#windowsDropped}).
 *
 * <p>Thread-safe. Workers run on the executor given at construction, one task per worker for the
 * batcher's lifetime.
 */
public final class WindowBatcher implements AutoCloseable {

    private final Function<List<WindowTask>, List<float[]>> forward;
    private final BatchPolicy policy;
    private final BatchListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<QueuedWindow> queue = new ArrayDeque<>();
    private boolean closed;

    /**
     * Starts {@code workers} workers on {@code executor}.
     *
     * @param forward runs a batch of equal-length windows, returning each window's audio in order
     *     (e.g. {@code Synthesizer::synthesizeBatch}); called on worker threads
     * @param policy batch size, wait and queue bound
     * @param executor runs the workers; it must be able to run {@code workers} tasks at once
     * @param workers concurrent forward passes, at least 1
     * @param listener receives batch, drop and refusal events
     */
    public WindowBatcher(Function<List<WindowTask>, List<float[]>> forward, BatchPolicy policy, Executor executor,
            int workers, BatchListener listener) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + "; expected >= 1");
        }
        this.forward = forward;
        this.policy = policy;
        this.listener = listener;
        for (int i = 0; i < workers; i++) {
            executor.execute(this::work);
        }
    }

    /**
     * Queues a window.
     *
     * @param task the window
     * @return its handle
     * @throws QueueFullException if {@link BatchPolicy#queueCapacity()} windows are already waiting
     * @throws IllegalStateException after {@link #close()}
     */
    public QueuedWindow submit(WindowTask task) throws QueueFullException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the batcher is closed");
            }
            if (queue.size() >= policy.queueCapacity()) {
                listener.windowRefused();
                throw new QueueFullException(policy.queueCapacity());
            }
            QueuedWindow window = new QueuedWindow(task, System.nanoTime(), this);
            queue.addLast(window);
            changed.signalAll();
            return window;
        } finally {
            lock.unlock();
        }
    }

    /** Windows waiting now. */
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers after their current pass; windows still queued fail with a {@link CancellationException}. */
    @Override
    public void close() {
        List<QueuedWindow> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (QueuedWindow window : abandoned) {
            window.result().completeExceptionally(new CancellationException("the server is shutting down"));
        }
    }

    void cancel(QueuedWindow window) {
        lock.lock();
        try {
            if (queue.remove(window)) {
                listener.windowsDropped(1);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        for (List<QueuedWindow> batch = nextBatch(); batch != null; batch = nextBatch()) {
            run(batch);
        }
    }

    /** Blocks until a batch is ready; null once closed. */
    private List<QueuedWindow> nextBatch() {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return null;
                }
                QueuedWindow head = queue.peekFirst();
                long waitNanos = head.enqueuedNanos() + policy.maxWait().toNanos() - System.nanoTime();
                if (waitNanos > 0 && sameLength(head) < policy.maxBatch()) {
                    awaitChange(waitNanos);
                    continue;
                }
                return takeBatch(head);
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange(long nanos) {
        try {
            changed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int sameLength(QueuedWindow head) {
        int count = 0;
        for (QueuedWindow window : queue) {
            if (window.task().frames() == head.task().frames()) {
                count++;
            }
        }
        return count;
    }

    private List<QueuedWindow> takeBatch(QueuedWindow head) {
        List<QueuedWindow> batch = new ArrayList<>();
        Iterator<QueuedWindow> it = queue.iterator();
        while (it.hasNext() && batch.size() < policy.maxBatch()) {
            QueuedWindow window = it.next();
            if (window.task().frames() == head.task().frames()) {
                batch.add(window);
                it.remove();
            }
        }
        return batch;
    }

    private void run(List<QueuedWindow> batch) {
        List<WindowTask> tasks = new ArrayList<>(batch.size());
        for (QueuedWindow window : batch) {
            tasks.add(window.task());
        }
        long start = System.nanoTime();
        try {
            List<float[]> audio = forward.apply(tasks);
            long samples = 0;
            for (int i = 0; i < batch.size(); i++) {
                samples += audio.get(i).length;
                batch.get(i).result().complete(audio.get(i));
            }
            listener.batchDone(batch.size(), samples, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException | Error e) {
            for (QueuedWindow window : batch) {
                window.result().completeExceptionally(e);
            }
        }
    }
}
