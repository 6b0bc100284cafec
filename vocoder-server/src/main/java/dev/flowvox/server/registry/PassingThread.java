// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.registry;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one piece of libtorch work on a thread that ends with it. libtorch parallelizes with GNU
 * OpenMP, which keeps a thread pool for every thread that has run parallel work, and while the pools
 * hold more threads than there are cores every pool sleeps between operations instead of spinning: a
 * server whose main thread had loaded the models (loading runs libtorch operations) kept that pool,
 * and its synthesis worker then took 37–47 ms for a 32-frame window that takes 14–20 ms when it owns
 * the only pool (2 cores). A pool ends with its thread, so one-off work such as loading runs here. (The
 * server now runs each operation on one thread, which makes no pools at all; this still matters when
 * a user sets {@code ai.djl.pytorch.num_threads} above one.)
 */
final class PassingThread {

    private PassingThread() {
    }

    /**
     * Runs the work on a new thread and waits for it.
     *
     * @param name the thread's name
     * @param work what to run
     * @param <T> its result
     * @return the result
     * @throws Exception what the work threw, unwrapped
     */
    static <T> T call(String name, Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } finally {
            thread.shutdown();
        }
    }
}
