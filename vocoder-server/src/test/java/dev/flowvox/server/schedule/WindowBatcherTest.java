// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.synth.WindowTask;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class WindowBatcherTest {

    /** Holds the worker until the test starts it, so the queue's content is known exactly. */
    private static final class HeldWorker implements Executor {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable worker) {
            held.add(worker);
        }

        void release() {
            held.forEach(worker -> new Thread(worker, "test-batcher").start());
        }
    }

    private static WindowTask window(int frames, float marker) {
        float[][] mel = new float[2][frames];
        mel[0][0] = marker;
        return new WindowTask(mel, new float[0], 0, 0, frames);
    }

    /** A forward pass that returns each window's marker and records batch sizes. */
    private static List<float[]> forward(List<WindowTask> tasks, List<Integer> sizes) {
        synchronized (sizes) {
            sizes.add(tasks.size());
        }
        List<float[]> out = new ArrayList<>();
        for (WindowTask task : tasks) {
            out.add(new float[] {task.mel()[0][0], task.frames()});
        }
        return out;
    }

    @Test
    void equalLengthWindowsShareOnePassUpToMaxBatchInArrivalOrder() throws Exception {
        HeldWorker worker = new HeldWorker();
        List<Integer> sizes = new ArrayList<>();
        int[] lengths = {10, 10, 12, 10, 10, 12, 10};
        List<QueuedWindow> queued = new ArrayList<>();
        try (WindowBatcher batcher = new WindowBatcher(tasks -> forward(tasks, sizes),
                new BatchPolicy(4, Duration.ZERO, 16), worker, 1, BatchListener.NONE)) {
            for (int i = 0; i < lengths.length; i++) {
                queued.add(batcher.submit(window(lengths[i], i)));
            }
            assertEquals(7, batcher.queueDepth());
            worker.release();
            for (int i = 0; i < lengths.length; i++) {
                assertArrayEquals(new float[] {i, lengths[i]}, queued.get(i).result().get(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(List.of(4, 2, 1), sizes);
    }

    @Test
    void fullQueueRefusesTheNextWindowAndCountsIt() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void windowRefused() {
                refused.incrementAndGet();
            }
        };
        try (WindowBatcher batcher = new WindowBatcher(tasks -> forward(tasks, new ArrayList<>()),
                new BatchPolicy(4, Duration.ZERO, 3), new HeldWorker(), 1, listener)) {
            for (int i = 0; i < 3; i++) {
                batcher.submit(window(8, i));
            }
            QueueFullException e = assertThrows(QueueFullException.class, () -> batcher.submit(window(8, 3)));
            assertTrue(e.getMessage().contains("3 windows"), e.getMessage());
            assertEquals(3, batcher.queueDepth());
            assertEquals(1, refused.get());
        }
    }

    @Test
    void cancelledWindowsLeaveTheQueueAndAreCountedAsDropped() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void windowsDropped(int windows) {
                dropped.addAndGet(windows);
            }
        };
        HeldWorker worker = new HeldWorker();
        List<Integer> sizes = new ArrayList<>();
        try (WindowBatcher batcher = new WindowBatcher(tasks -> forward(tasks, sizes),
                new BatchPolicy(8, Duration.ZERO, 8), worker, 1, listener)) {
            QueuedWindow kept = batcher.submit(window(8, 0));
            QueuedWindow first = batcher.submit(window(8, 1));
            QueuedWindow second = batcher.submit(window(8, 2));
            first.cancel();
            second.cancel();
            second.cancel();
            assertEquals(1, batcher.queueDepth());
            assertEquals(2, dropped.get());
            worker.release();
            assertArrayEquals(new float[] {0, 8}, kept.result().get(30, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, () -> first.result().get());
        }
        assertEquals(List.of(1), sizes);
    }

    @Test
    void closingFailsWindowsStillQueued() {
        WindowBatcher batcher = new WindowBatcher(tasks -> forward(tasks, new ArrayList<>()),
                new BatchPolicy(2, Duration.ZERO, 4), new HeldWorker(), 1, BatchListener.NONE);
        CompletableFuture<float[]> result;
        try {
            result = batcher.submit(window(4, 0)).result();
        } catch (QueueFullException e) {
            throw new AssertionError(e);
        }
        batcher.close();
        CancellationException e = assertThrows(CancellationException.class, () -> result.get(1, TimeUnit.SECONDS));
        assertEquals("the server is shutting down", e.getMessage());
        assertThrows(IllegalStateException.class, () -> batcher.submit(window(4, 1)));
    }
}
