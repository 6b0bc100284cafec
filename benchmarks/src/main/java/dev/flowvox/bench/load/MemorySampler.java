// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

/** Samples the server's resident set size every 200 ms on a daemon thread and keeps the largest. */
final class MemorySampler {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile double peak = Double.NaN;

    MemorySampler(ServerProcess server) {
        this.thread = new Thread(() -> {
            while (running) {
                double current = server.residentMebibytes()[0];
                if (Double.isNaN(peak) || current > peak) {
                    peak = current;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops sampling.
     *
     * @return the largest resident set size seen (MiB)
     * @throws InterruptedException if interrupted while waiting for the sampler
     */
    double stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        return peak;
    }
}
