// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.config;

import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a server is started with (built by {@code flowvox serve} from flags and environment
 * variables).
 *
 * @param port gRPC port, 0 for any free one
 * @param bundles model bundles to serve, at least one
 * @param defaultModel id of the default model, or null for the first bundle's
 * @param scoreModel id of the model that scores requests naming none, or null for the default model
 * @param tlsCertificate PEM certificate chain, or null for plaintext
 * @param tlsKey PEM PKCS#8 private key, required with {@code tlsCertificate}
 * @param tokens accepted bearer tokens, or null to accept every caller
 * @param metricsPort HTTP port of {@code /metrics}, 0 for any free one, -1 for none
 * @param batch batching of every model
 * @param workersPerModel concurrent forward passes per model, at least 1
 * @param scoreThreads concurrent Score requests, at least 1
 * @param scoreQueue Score requests waiting beyond those, at least 0 (more get RESOURCE_EXHAUSTED)
 * @param streaming chunking defaults
 * @param limits per-request limits
 * @param grace how long shutdown waits for in-flight calls before cancelling them
 */
public record ServerConfig(int port, List<Path> bundles, String defaultModel, String scoreModel, Path tlsCertificate,
        Path tlsKey, TokenSet tokens, int metricsPort, BatchPolicy batch, int workersPerModel, int scoreThreads,
        int scoreQueue, StreamingConfig streaming, Limits limits, Duration grace) {

    /** Validates the combination. */
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + "; expected 0 to 65535");
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port " + metricsPort + "; expected -1 (off) or 0 to 65535");
        }
        if (bundles == null || bundles.isEmpty()) {
            throw new IllegalArgumentException("no model to serve; expected --model BUNDLE or --models-dir DIR with "
                    + "at least one .flowvox file");
        }
        bundles = List.copyOf(bundles);
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key; got certificate " + tlsCertificate
                    + " and key " + tlsKey);
        }
        if (batch == null || streaming == null || limits == null || grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("batch policy, streaming, limits and a non-negative grace are required");
        }
        if (workersPerModel < 1 || scoreThreads < 1 || scoreQueue < 0) {
            throw new IllegalArgumentException("workers per model " + workersPerModel + ", score threads " + scoreThreads
                    + ", score queue " + scoreQueue + "; expected >= 1, >= 1, >= 0");
        }
    }

    /**
     * Workers per model when none are configured: one per core, since each forward pass runs on one
     * thread ({@code InferenceThreads.useOneIntraOpThread}).
     *
     * @return the number of processors the JVM may use
     */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * A plaintext, unauthenticated configuration with default batching and limits, for tests and
     * embedding.
     *
     * @param bundles model bundles
     * @return the configuration, port 0, no metrics endpoint
     */
    public static ServerConfig local(List<Path> bundles) {
        return new ServerConfig(0, bundles, null, null, null, null, null, -1,
                new BatchPolicy(8, Duration.ofMillis(2), 256), defaultWorkers(), 1, 16, StreamingConfig.DEFAULT,
                Limits.DEFAULT,
                Duration.ofSeconds(10));
    }

    /**
     * The same configuration with another scoring model.
     *
     * @param id id of the model that scores requests naming none, or null for the default model
     * @return the configuration
     */
    public ServerConfig withScoreModel(String id) {
        return new ServerConfig(port, bundles, defaultModel, id, tlsCertificate, tlsKey, tokens, metricsPort, batch,
                workersPerModel, scoreThreads, scoreQueue, streaming, limits, grace);
    }

    /**
     * The same configuration with other per-request limits.
     *
     * @param other the limits
     * @return the configuration
     */
    public ServerConfig withLimits(Limits other) {
        return new ServerConfig(port, bundles, defaultModel, scoreModel, tlsCertificate, tlsKey, tokens, metricsPort,
                batch, workersPerModel, scoreThreads, scoreQueue, streaming, other, grace);
    }

    /** Whether the server uses TLS. */
    public boolean tls() {
        return tlsCertificate != null;
    }
}
