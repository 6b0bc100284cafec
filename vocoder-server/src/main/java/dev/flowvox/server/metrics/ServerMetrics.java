// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.metrics;

import dev.flowvox.server.schedule.BatchListener;

import java.util.function.DoubleSupplier;

/**
 * The server's metrics (names as exposed to Prometheus):
 *
 * <ul>
 *   <li>{@code flowvox_requests_total{method,code}}: finished calls by gRPC method and status code;
 *   <li>{@code flowvox_request_seconds{method}}: call latency, start to close;
 *   <li>{@code flowvox_time_to_first_audio_seconds{model}}: synthesis call start to first audio sent;
 *   <li>{@code flowvox_real_time_factor{model}}: seconds of audio per second of wall time, per
 *       completed synthesis call (above 1 is faster than real time);
 *   <li>{@code flowvox_queue_depth}: windows waiting in all models' queues;
 *   <li>{@code flowvox_batch_size{model}}: windows per forward pass;
 *   <li>{@code flowvox_batch_seconds{model}}: forward pass time;
 *   <li>{@code flowvox_audio_seconds_total{model}}: audio synthesized;
 *   <li>{@code flowvox_windows_dropped_total{model}}: queued windows dropped by cancellation or deadline;
 *   <li>{@code flowvox_windows_refused_total{model}}: windows refused because the queue was full.
 * </ul>
 */
public final class ServerMetrics {

    private static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] RTF_BOUNDS = {0.25, 0.5, 1, 2, 5, 10, 20, 50, 100};
    private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64};

    private final MetricRegistry registry = new MetricRegistry();
    private final MetricRegistry.Counter requests = registry.counter("flowvox_requests_total",
            "Finished calls by gRPC method and status code.", "method", "code");
    private final MetricRegistry.Histogram latency = registry.histogram("flowvox_request_seconds",
            "Call latency from start to close, seconds.", LATENCY_BOUNDS, "method");
    private final MetricRegistry.Histogram firstAudio = registry.histogram("flowvox_time_to_first_audio_seconds",
            "Synthesis call start to the first audio chunk sent, seconds.", LATENCY_BOUNDS, "model");
    private final MetricRegistry.Histogram realTimeFactor = registry.histogram("flowvox_real_time_factor",
            "Seconds of audio per second of wall time per completed synthesis call.", RTF_BOUNDS, "model");
    private final MetricRegistry.Histogram batchSize = registry.histogram("flowvox_batch_size",
            "Windows per forward pass.", BATCH_BOUNDS, "model");
    private final MetricRegistry.Histogram batchSeconds = registry.histogram("flowvox_batch_seconds",
            "Forward pass wall time, seconds.", LATENCY_BOUNDS, "model");
    private final MetricRegistry.Counter audioSeconds = registry.counter("flowvox_audio_seconds_total",
            "Seconds of audio synthesized (at the model's rate).", "model");
    private final MetricRegistry.Counter dropped = registry.counter("flowvox_windows_dropped_total",
            "Queued synthesis windows dropped because their call was cancelled or timed out.", "model");
    private final MetricRegistry.Counter refused = registry.counter("flowvox_windows_refused_total",
            "Synthesis windows refused because the queue was full.", "model");

    /**
     * Registers the queue depth gauge.
     *
     * @param queueDepth windows waiting in all queues, read on scrape
     */
    public void queueDepth(DoubleSupplier queueDepth) {
        registry.gauge("flowvox_queue_depth", "Synthesis windows waiting in all models' queues.", queueDepth);
    }

    /**
     * A finished call.
     *
     * @param method full gRPC method name
     * @param code status code name
     * @param seconds latency
     */
    public void request(String method, String code, double seconds) {
        requests.inc(method, code);
        latency.observe(seconds, method);
    }

    /**
     * Calls finished with a method and code so far.
     *
     * @param method full gRPC method name
     * @param code status code name
     * @return the count
     */
    public double requests(String method, String code) {
        return requests.value(method, code);
    }

    /**
     * The first audio of a synthesis call was sent.
     *
     * @param model model id
     * @param seconds since the call started
     */
    public void firstAudio(String model, double seconds) {
        firstAudio.observe(seconds, model);
    }

    /**
     * A synthesis call completed.
     *
     * @param model model id
     * @param audioSeconds seconds of audio it produced
     * @param wallSeconds its duration
     */
    public void synthesisDone(String model, double audioSeconds, double wallSeconds) {
        if (wallSeconds > 0) {
            realTimeFactor.observe(audioSeconds / wallSeconds, model);
        }
    }

    /**
     * Windows of a model dropped so far.
     *
     * @param model model id
     * @return the count
     */
    public double windowsDropped(String model) {
        return dropped.value(model);
    }

    /**
     * The batch events of one model.
     *
     * @param model model id
     * @param sampleRate the model's rate, Hz
     * @return a listener feeding these metrics
     */
    public BatchListener batchListener(String model, int sampleRate) {
        return new BatchListener() {
            @Override
            public void batchDone(int windows, long samples, double seconds) {
                batchSize.observe(windows, model);
                batchSeconds.observe(seconds, model);
                audioSeconds.add((double) samples / sampleRate, model);
            }

            @Override
            public void windowsDropped(int windows) {
                dropped.add(windows, model);
            }

            @Override
            public void windowRefused() {
                refused.inc(model);
            }
        };
    }

    /** Every metric in Prometheus' text format. */
    public String render() {
        return registry.render();
    }
}
