// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.registry.ModelRegistry;
import dev.flowvox.server.schedule.BatchPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flowvox serve}: the gRPC vocoder server. Every flag has an environment variable default. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve models over gRPC (flowvox.v1.Vocoder, health, reflection) until SIGTERM or Ctrl-C; "
                + "every flag can also come from the environment variable named in its description.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "BUNDLE", split = ",", defaultValue = "${env:FLOWVOX_MODEL}",
            description = "Model bundle(s) to serve, comma-separated; id = file name without .flowvox "
                    + "(FLOWVOX_MODEL). Default without --models-dir: the shipped models/default/model.flowvox "
                    + "(id model, the default) and models/checks/checks.flowvox (id checks, for anomaly checks).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--models-dir", paramLabel = "DIR", defaultValue = "${env:FLOWVOX_MODELS_DIR}",
            description = "Serve every *.flowvox in DIR (FLOWVOX_MODELS_DIR)")
    Path modelsDir;

    @Option(names = "--default-model", paramLabel = "ID", defaultValue = "${env:FLOWVOX_DEFAULT_MODEL}",
            description = "Model used when a request names none (FLOWVOX_DEFAULT_MODEL; default: the first)")
    String defaultModel;

    @Option(names = "--score-model", paramLabel = "ID", defaultValue = "${env:FLOWVOX_SCORE_MODEL}",
            description = "Model used when a Score request names none (FLOWVOX_SCORE_MODEL; default: checks when "
                    + "serving the shipped models, else the default model)")
    String scoreModel;

    @Option(names = "--port", defaultValue = "${env:FLOWVOX_PORT:-50051}",
            description = "gRPC port (FLOWVOX_PORT, default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--metrics-port", defaultValue = "${env:FLOWVOX_METRICS_PORT:-9090}",
            description = "Prometheus /metrics HTTP port, -1 for none (FLOWVOX_METRICS_PORT, default ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:FLOWVOX_TLS_CERT}",
            description = "TLS certificate chain (FLOWVOX_TLS_CERT); plaintext without it")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:FLOWVOX_TLS_KEY}",
            description = "TLS private key, PKCS#8 PEM (FLOWVOX_TLS_KEY)")
    Path tlsKey;

    @Option(names = "--tokens-file", paramLabel = "FILE", defaultValue = "${env:FLOWVOX_TOKENS_FILE}",
            description = "Accepted bearer tokens, one per line (FLOWVOX_TOKENS_FILE). With neither this nor "
                    + "FLOWVOX_TOKENS (comma-separated tokens) every caller is accepted.")
    Path tokensFile;

    @Option(names = "--max-batch", defaultValue = "${env:FLOWVOX_MAX_BATCH:-8}",
            description = "Most windows in one forward pass (FLOWVOX_MAX_BATCH, default ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "${env:FLOWVOX_MAX_WAIT_MS:-2}",
            description = "Longest a window waits for a batch to fill, ms (FLOWVOX_MAX_WAIT_MS, default ${DEFAULT-VALUE})")
    long maxWaitMs;

    @Option(names = "--queue", defaultValue = "${env:FLOWVOX_QUEUE:-256}",
            description = "Windows waiting per model before RESOURCE_EXHAUSTED (FLOWVOX_QUEUE, default ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--workers", defaultValue = "${env:FLOWVOX_WORKERS}",
            description = "Concurrent forward passes per model, each on one thread (FLOWVOX_WORKERS, default: one "
                    + "per core)")
    Integer workers;

    @Option(names = "--first-chunk-frames", defaultValue = "${env:FLOWVOX_FIRST_CHUNK_FRAMES:-8}",
            description = "mel frames of a request's first chunk, smaller for sooner first audio (env FLOWVOX_FIRST_CHUNK_FRAMES, default ${DEFAULT-VALUE})")
    int firstChunkFrames;

    @Option(names = "--chunk-frames", defaultValue = "${env:FLOWVOX_CHUNK_FRAMES:-32}",
            description = "Default mel frames per later audio chunk (FLOWVOX_CHUNK_FRAMES, default ${DEFAULT-VALUE})")
    int chunkFrames;

    @Option(names = "--context-frames", defaultValue = "${env:FLOWVOX_CONTEXT_FRAMES:-24}",
            description = "Mel frames of context each side of a chunk (FLOWVOX_CONTEXT_FRAMES, default ${DEFAULT-VALUE})")
    int contextFrames;

    @Option(names = "--max-frames", defaultValue = "${env:FLOWVOX_MAX_FRAMES:-8192}",
            description = "Most mel frames per request (FLOWVOX_MAX_FRAMES, default ${DEFAULT-VALUE})")
    int maxFrames;

    @Option(names = "--max-score-seconds", defaultValue = "${env:FLOWVOX_MAX_SCORE_SECONDS:-120}",
            description = "Longest audio per Score request, s (FLOWVOX_MAX_SCORE_SECONDS, default ${DEFAULT-VALUE})")
    double maxScoreSeconds;

    @Option(names = "--max-message-bytes", defaultValue = "${env:FLOWVOX_MAX_MESSAGE_BYTES:-16777216}",
            description = "Largest inbound message (FLOWVOX_MAX_MESSAGE_BYTES, default ${DEFAULT-VALUE})")
    int maxMessageBytes;

    @Option(names = "--score-threads", defaultValue = "${env:FLOWVOX_SCORE_THREADS:-1}",
            description = "Concurrent Score requests (FLOWVOX_SCORE_THREADS, default ${DEFAULT-VALUE})")
    int scoreThreads;

    @Option(names = "--grace-seconds", defaultValue = "${env:FLOWVOX_GRACE_SECONDS:-30}",
            description = "On SIGTERM, how long calls in flight may finish (FLOWVOX_GRACE_SECONDS, default ${DEFAULT-VALUE})")
    long graceSeconds;

    @Override
    public Integer call() throws Exception {
        VocoderServer server = VocoderServer.create(config());
        server.start();
        Duration grace = Duration.ofSeconds(graceSeconds);
        Thread stopper = new Thread(() -> {
            try {
                server.stop(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flowvox-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        spec.commandLine().getOut().printf("flowvox serve: listening on port %d%s%s%n", server.port(),
                tlsCert != null ? " (TLS)" : "", server.metricsPort() >= 0 ? ", metrics on port " + server.metricsPort()
                        + "/metrics" : "");
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return 0;
    }

    private ServerConfig config() throws Exception {
        List<Path> bundles = new ArrayList<>(models);
        if (modelsDir != null) {
            bundles.addAll(ModelRegistry.bundlesIn(modelsDir));
        }
        String scoring = scoreModel;
        if (bundles.isEmpty()) {
            bundles.add(new ModelOption().resolve());
            Path checks = new ChecksModelOption().shippedPath();
            if (Files.isRegularFile(checks)) {
                bundles.add(checks);
                scoring = scoring != null ? scoring : ModelRegistry.idOf(checks);
            }
        }
        String envTokens = System.getenv("FLOWVOX_TOKENS");
        TokenSet tokens = tokensFile != null ? TokenSet.fromFile(tokensFile)
                : envTokens != null && !envTokens.isBlank() ? TokenSet.of(Arrays.asList(envTokens.split(","))) : null;
        return new ServerConfig(port, bundles, defaultModel, scoring, tlsCert, tlsKey, tokens, metricsPort,
                new BatchPolicy(maxBatch, Duration.ofMillis(maxWaitMs), queue),
                workers == null ? ServerConfig.defaultWorkers() : workers, scoreThreads, 4 * queue,
                new StreamingConfig(firstChunkFrames, chunkFrames, contextFrames),
                new Limits(maxFrames, Math.max(chunkFrames, 512), maxScoreSeconds, maxMessageBytes,
                        Limits.DEFAULT.maxWindowsInFlight()),
                Duration.ofSeconds(graceSeconds));
    }
}
