// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.metrics.ServerMetrics;
import dev.flowvox.server.registry.ModelRegistry;

import io.grpc.InsecureServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The real gRPC vocoder server in this JVM, plaintext, bound to the loopback interface only on a free
 * port: what {@code flowvox speak} talks to when no {@code --server} is given.
 */
final class LoopbackServer implements AutoCloseable {

    /** The server logs every request at INFO: noise next to {@code speak}'s own report, so only warnings show. */
    private static final String SERVER_LOGGER = "dev.flowvox.server";

    private final VocoderServer server;

    private LoopbackServer(VocoderServer server) {
        this.server = server;
    }

    /**
     * Loads the model and starts serving it.
     *
     * @param bundle the model bundle
     * @return the running server
     * @throws IOException if the bundle cannot be loaded or no port can be bound
     */
    static LoopbackServer start(Path bundle) throws IOException {
        if (LoggerFactory.getLogger(SERVER_LOGGER) instanceof Logger serverLogger) {
            serverLogger.setLevel(Level.WARN);
        }
        ServerConfig config = ServerConfig.local(List.of(bundle));
        ServerMetrics metrics = new ServerMetrics();
        ModelRegistry models = ModelRegistry.load(config.bundles(), null, null, config.batch(),
                Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "flowvox-batcher");
                    thread.setDaemon(true);
                    return thread;
                }), config.workersPerModel(), metrics::batchListener);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            VocoderServer server = new VocoderServer(NettyServerBuilder.forAddress(loopback,
                    InsecureServerCredentials.create()), config, models, metrics);
            return new LoopbackServer(server.start());
        } catch (IOException | RuntimeException e) {
            models.close();
            throw e;
        }
    }

    /** @return {@code host:port} to connect to */
    String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
