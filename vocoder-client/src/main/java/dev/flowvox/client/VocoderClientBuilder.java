// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link VocoderClient} that owns its channel. {@code setTarget} is required; everything
 * else is optional with the default stated on its method.
 *
 * <pre>{@code
 * VocoderClient client = VocoderClient.builder().setTarget("localhost:50051").build();
 * VocoderClient balanced = VocoderClient.builder()
 *         .setTarget("dns:///flowvox.tts.svc.cluster.local:50051")  // every A record, round robin
 *         .optRetryPolicy(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(1), 2))
 *         .build();
 * }</pre>
 */
public final class VocoderClientBuilder {

    private static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(10);

    private String target;
    private Path trustedCertificate;
    private boolean tls;
    private String authority;
    private CallCredentials credentials;
    private Duration deadline = VocoderClient.DEFAULT_DEADLINE;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private boolean roundRobin = true;
    private Duration keepAlive;

    VocoderClientBuilder() {
    }

    /**
     * Where the servers are (required). One of:
     * <ul>
     *   <li>{@code host:port}: one server (all addresses of the host name, balanced);</li>
     *   <li>{@code host1:port1,host2:port2,…}: a fixed list of servers, balanced round robin;</li>
     *   <li>any gRPC target URI, e.g. {@code dns:///name:port} (a Kubernetes headless Service).</li>
     * </ul>
     *
     * @param serverTarget the target
     * @return this
     */
    public VocoderClientBuilder setTarget(String serverTarget) {
        if (serverTarget == null || serverTarget.isBlank()) {
            throw new IllegalArgumentException("target '" + serverTarget
                    + "'; expected host:port, host:port,host:port or a gRPC target URI such as dns:///name:port");
        }
        String trimmed = serverTarget.trim();
        if (trimmed.contains(",") && !trimmed.contains("://")) {
            List<HostPort> hostPorts = new ArrayList<>();
            for (String entry : trimmed.split(",")) {
                hostPorts.add(HostPort.parse(entry));
            }
            this.target = HostListResolverProvider.target(hostPorts);
        } else {
            this.target = trimmed.contains("://") ? trimmed : HostPort.parse(trimmed).toString();
        }
        return this;
    }

    /**
     * Use TLS and trust servers whose certificate chains to this CA (or is this self-signed
     * certificate). Default: plaintext (unless {@link #optTls(boolean)}).
     *
     * @param pemFile PEM certificate(s)
     * @return this
     */
    public VocoderClientBuilder optTrustedCertificate(Path pemFile) {
        if (pemFile == null || !Files.isRegularFile(pemFile)) {
            throw new IllegalArgumentException("trusted certificate file " + pemFile + " does not exist; expected a PEM file");
        }
        this.trustedCertificate = pemFile;
        this.tls = true;
        return this;
    }

    /**
     * Use TLS with the JDK's trusted roots. Default false (plaintext), true once a trusted
     * certificate is set.
     *
     * @param useTls whether to use TLS
     * @return this
     */
    public VocoderClientBuilder optTls(boolean useTls) {
        this.tls = useTls || trustedCertificate != null;
        return this;
    }

    /**
     * The host name TLS checks the server certificate against, and the {@code :authority} header.
     * Default: the target's host.
     *
     * @param hostName the name in the server's certificate
     * @return this
     */
    public VocoderClientBuilder optAuthority(String hostName) {
        this.authority = hostName;
        return this;
    }

    /**
     * Send {@code authorization: Bearer TOKEN} with every call. Default: no token. A null or blank
     * token is ignored, so {@code optBearerToken(System.getenv("FLOWVOX_TOKEN"))} works unset.
     *
     * @param token the token
     * @return this
     */
    public VocoderClientBuilder optBearerToken(String token) {
        this.credentials = token == null || token.isBlank() ? null : new BearerToken(token);
        return this;
    }

    /**
     * Deadline of each call. Default {@link VocoderClient#DEFAULT_DEADLINE} (60 s).
     *
     * @param perCall positive duration
     * @return this
     */
    public VocoderClientBuilder optDeadline(Duration perCall) {
        if (perCall == null || perCall.isNegative() || perCall.isZero()) {
            throw new IllegalArgumentException("deadline " + perCall + "; expected a positive duration");
        }
        this.deadline = perCall;
        return this;
    }

    /**
     * Retries of calls failing with UNAVAILABLE. Default {@link RetryPolicy#DEFAULT} (3 attempts);
     * {@link RetryPolicy#NONE} disables retries.
     *
     * @param policy the policy
     * @return this
     */
    public VocoderClientBuilder optRetryPolicy(RetryPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("retry policy is null; expected a policy or RetryPolicy.NONE");
        }
        this.retryPolicy = policy;
        return this;
    }

    /**
     * Balance calls over every address the target resolves to. Default true; false connects to one
     * address at a time (gRPC's {@code pick_first}).
     *
     * @param enabled whether to use round robin
     * @return this
     */
    public VocoderClientBuilder optRoundRobin(boolean enabled) {
        this.roundRobin = enabled;
        return this;
    }

    /**
     * Ping each connection every {@code interval} (gRPC keepalive), idle or not, so that a stream held
     * open while text is still being written keeps its connection through NATs and load balancers
     * that drop quiet ones, and a server that vanished is noticed within about two intervals. At
     * least 10 s, the most the flowvox server accepts. Default: no pings.
     *
     * @param interval time between pings, at least 10 s
     * @return this
     */
    public VocoderClientBuilder optKeepAlive(Duration interval) {
        if (interval == null || interval.compareTo(MIN_KEEP_ALIVE) < 0) {
            throw new IllegalArgumentException("keepalive interval " + interval + "; expected at least " + MIN_KEEP_ALIVE
                    .toSeconds() + " s (servers answer more frequent pings with GOAWAY too_many_pings)");
        }
        this.keepAlive = interval;
        return this;
    }

    /**
     * Creates the channel (it connects lazily, on the first call) and the client that owns it.
     *
     * @return the client; close it to shut the channel down
     * @throws IllegalStateException if no target was set
     */
    public VocoderClient build() {
        if (target == null) {
            throw new IllegalStateException("no target; call setTarget(\"host:port\") before build()");
        }
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, channelCredentials())
                .defaultServiceConfig(retryPolicy.serviceConfig(roundRobin));
        if (retryPolicy.maxAttempts() > 1) {
            builder.enableRetry().maxRetryAttempts(retryPolicy.maxAttempts());
        } else {
            builder.disableRetry();
        }
        if (authority != null) {
            builder.overrideAuthority(authority);
        }
        if (keepAlive != null) {
            builder.keepAliveTime(keepAlive.toMillis(), TimeUnit.MILLISECONDS).keepAliveWithoutCalls(true);
        }
        ManagedChannel channel = builder.build();
        return new VocoderClient(channel, channel, credentials, deadline);
    }

    private ChannelCredentials channelCredentials() {
        if (!tls) {
            return InsecureChannelCredentials.create();
        }
        if (trustedCertificate == null) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(trustedCertificate.toFile()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trusted certificate " + trustedCertificate, e);
        }
    }
}
