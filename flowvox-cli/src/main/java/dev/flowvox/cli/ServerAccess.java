// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.VocoderClientBuilder;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How a command reaches a flowvox server it is given: TLS and a bearer token. */
final class ServerAccess {

    @Option(names = "--tls-ca", paramLabel = "PEM", defaultValue = "${env:FLOWVOX_TLS_CA}",
            description = "Use TLS, trusting this CA or self-signed certificate (FLOWVOX_TLS_CA)")
    Path tlsCa;

    @Option(names = "--token", defaultValue = "${env:FLOWVOX_TOKEN}",
            description = "Bearer token for the server (FLOWVOX_TOKEN)")
    String token;

    /**
     * @param target {@code host:port}, several separated by commas for round robin
     * @param deadline deadline of each call
     * @return a client builder with the target, TLS when a CA is given, and the token
     */
    VocoderClientBuilder client(String target, Duration deadline) {
        VocoderClientBuilder builder = VocoderClient.builder().setTarget(target).optBearerToken(token)
                .optDeadline(deadline);
        return tlsCa == null ? builder : builder.optTrustedCertificate(tlsCa);
    }
}
