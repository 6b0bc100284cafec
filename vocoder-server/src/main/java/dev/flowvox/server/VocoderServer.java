// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.api.VocoderService;
import dev.flowvox.server.auth.BearerTokenInterceptor;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.metrics.MetricsHttpServer;
import dev.flowvox.server.metrics.MetricsInterceptor;
import dev.flowvox.server.metrics.ServerMetrics;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.registry.ServedModel;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The flowvox gRPC server: the {@code flowvox.v1.Vocoder} service, {@code grpc.health.v1} health,
 * server reflection ({@code grpc.reflection.v1} and {@code v1alpha}), bearer-token authentication
 * (health exempt), client keepalive pings as often as every 10 s, metrics on every call, and a
 * Prometheus endpoint. {@link #stop(Duration)} shuts down gracefully: health turns NOT_SERVING, new
 * calls are refused, in-flight calls get the grace period to finish.
 */
public final class VocoderServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VocoderServer.class);
    /**
     * How often a client may ping its connection (gRPC keepalive), idle or not. grpc-java's default of 5
     * minutes answers the 10–30 s that production clients commonly use with GOAWAY "too_many_pings",
     * which kills a synthesis stream held open while its text is still being written.
     */
    private static final Duration MIN_CLIENT_PING_INTERVAL = Duration.ofSeconds(10);
    /**
     * How long an idle Score thread lives. With more than one libtorch thread per operation (a user's
     * {@code ai.djl.pytorch.num_threads}), every thread that has run libtorch keeps its own OpenMP pool,
     * and while the pools hold more threads than there are cores they sleep between operations, which
     * doubled the synthesis time of a short window ({@code registry.PassingThread}); Score threads
     * therefore end soon after the last Score.
     */
    private static final Duration SCORE_THREAD_IDLE = Duration.ofSeconds(2);

    private final Server server;
    private final ModelRegistry models;
    private final ServerMetrics metrics;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService callbacks;
    private final ExecutorService scoring;
    private final MetricsHttpServer metricsHttp;
    private final Limits limits;
    private boolean released;

    /**
     * Wires the server on a builder (tests pass one of their own); takes ownership of the models.
     *
     * @param builder a server builder with its transport and credentials set
     * @param config limits, batching, tokens, metrics port
     * @param models the models to serve; closed when the server stops
     * @param metrics where to record
     * @throws IOException if the metrics port cannot be bound
     */
    public VocoderServer(ServerBuilder<?> builder, ServerConfig config, ModelRegistry models, ServerMetrics metrics)
            throws IOException {
        this.models = models;
        this.metrics = metrics;
        this.callbacks = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("flowvox-chunks"));
        ThreadPoolExecutor scoreThreads = new ThreadPoolExecutor(config.scoreThreads(), config.scoreThreads(),
                SCORE_THREAD_IDLE.toMillis(), TimeUnit.MILLISECONDS, config.scoreQueue() == 0 ? new SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(config.scoreQueue()), daemonThreads("flowvox-score"));
        scoreThreads.allowCoreThreadTimeOut(true);
        this.scoring = scoreThreads;
        metrics.queueDepth(models::queueDepth);
        VocoderService service = new VocoderService(models, config.streaming(), config.limits(), metrics, callbacks,
                scoring);
        builder.addService(service)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(reflectionV1Alpha())
                .maxInboundMessageSize(config.limits().maxMessageBytes())
                .permitKeepAliveTime(MIN_CLIENT_PING_INTERVAL.toSeconds(), TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        if (config.tokens() != null) {
            builder.intercept(new BearerTokenInterceptor(config.tokens(), Set.of(HealthGrpc.SERVICE_NAME)));
        }
        builder.intercept(new MetricsInterceptor(metrics));
        this.server = builder.build();
        this.limits = config.limits();
        this.metricsHttp = config.metricsPort() >= 0 ? new MetricsHttpServer(config.metricsPort(), metrics) : null;
    }

    /**
     * Reflection under its pre-1.0 name, which grpc-java keeps as deprecated. Tools built before the
     * v1 name existed (older grpcurl, Evans and grpc_cli releases) ask only for
     * {@code grpc.reflection.v1alpha} and report that the server does not support reflection without it.
     */
    @SuppressWarnings("deprecation")
    private static BindableService reflectionV1Alpha() {
        return ProtoReflectionService.newInstance();
    }

    /**
     * Loads the configured models and builds a Netty server on the configured port (TLS if configured).
     *
     * @param config the configuration
     * @return the server, not yet started
     * @throws IOException if a bundle, the TLS files or the metrics port fail
     */
    public static VocoderServer create(ServerConfig config) throws IOException {
        ServerBuilder<?> builder = config.tls() ? tls(config)
                : Grpc.newServerBuilderForPort(config.port(), InsecureServerCredentials.create());
        ServerMetrics metrics = new ServerMetrics();
        ModelRegistry models = ModelRegistry.load(config.bundles(), config.defaultModel(), config.scoreModel(),
                config.batch(), Executors.newCachedThreadPool(daemonThreads("flowvox-batcher")), config.workersPerModel(),
                metrics::batchListener);
        try {
            return new VocoderServer(builder, config, models, metrics);
        } catch (IOException | RuntimeException e) {
            models.close();
            throw e;
        }
    }

    /**
     * A server builder with the configuration's TLS files, read before any model is loaded, with an
     * error that names both files.
     */
    private static ServerBuilder<?> tls(ServerConfig config) throws IOException {
        try {
            return Grpc.newServerBuilderForPort(config.port(),
                    TlsServerCredentials.create(config.tlsCertificate().toFile(), config.tlsKey().toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot use the TLS certificate chain " + config.tlsCertificate() + " and key "
                    + config.tlsKey() + " (expected PEM files: a certificate chain and a PKCS#8 private key): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts serving and reports SERVING to health checks.
     *
     * @return this
     * @throws IOException if the port cannot be bound
     */
    public VocoderServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(VocoderGrpc.SERVICE_NAME, ServingStatus.SERVING);
        LOG.info("serving {} on port {}{}", models.ids(), server.getPort(),
                metricsHttp == null ? "" : ", metrics on port " + metricsHttp.port());
        warnWhereTheScoreLimitExceedsTheMessageSize();
        return this;
    }

    /**
     * A Score request as long as the limit allows, in FLOAT32 at the model's rate, must fit in one
     * message; otherwise such requests fail with RESOURCE_EXHAUSTED before the limit is reached, so say
     * so at start-up. (flowvox's client reads both limits from {@code ModelInfo} and sends pieces that
     * fit.)
     */
    private void warnWhereTheScoreLimitExceedsTheMessageSize() {
        for (ServedModel model : models.all()) {
            double bytes = limits.maxScoreSeconds() * model.info().sampleRate() * Float.BYTES;
            if (bytes > limits.maxMessageBytes()) {
                LOG.warn("a Score request of {} s of FLOAT32 audio at {}'s {} Hz takes {} bytes, more than the "
                        + "{}-byte message limit, so clients other than flowvox's, which sends pieces that fit, must "
                        + "send less; raise --max-message-bytes or lower --max-score-seconds", limits.maxScoreSeconds(),
                        model.id(), model.info().sampleRate(), (long) bytes, limits.maxMessageBytes());
            }
        }
    }

    /** The bound gRPC port. */
    public int port() {
        return server.getPort();
    }

    /** The bound metrics port, or -1 without a metrics endpoint. */
    public int metricsPort() {
        return metricsHttp == null ? -1 : metricsHttp.port();
    }

    /** The metrics, for embedding and tests. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful shutdown: health turns NOT_SERVING, new calls are refused, calls in flight get
     * {@code grace} to finish and are then cancelled; then the models are freed.
     *
     * @param grace how long to wait for calls in flight
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop(Duration grace) throws InterruptedException {
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
            LOG.warn("calls still running after the {} s grace period; cancelling them", grace.toSeconds());
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
        release();
    }

    /** Waits until the server has terminated. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops at once: calls in flight are cancelled. */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
        }
        health.enterTerminalState();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (metricsHttp != null) {
            metricsHttp.close();
        }
        callbacks.shutdownNow();
        scoring.shutdownNow();
        models.close();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
