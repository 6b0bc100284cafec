// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;

import java.util.concurrent.Executor;

/**
 * Sends {@code authorization: Bearer TOKEN} with every call, as the flowvox server expects when it
 * is started with tokens. Send tokens only over TLS outside a trusted network.
 */
public final class BearerToken extends CallCredentials {

    /** The {@code authorization} header. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    /**
     * @param token the token: printable ASCII without spaces, not blank
     */
    public BearerToken(String token) {
        if (token == null || token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("bearer token " + (token == null ? "null" : "of " + token.length()
                    + " characters") + " is not usable; expected printable ASCII without spaces");
        }
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
    }
}
