// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.auth;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Set;

/**
 * Requires {@code authorization: Bearer TOKEN} metadata with a token of a {@link TokenSet} on every
 * call except those of the exempt services (health checks, so probes need no secret). Other calls
 * are closed with UNAUTHENTICATED before they reach the service.
 */
public final class BearerTokenInterceptor implements ServerInterceptor {

    /** The metadata key clients send the token under. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String SCHEME = "Bearer ";

    private final TokenSet tokens;
    private final Set<String> exemptServices;

    /**
     * @param tokens accepted tokens
     * @param exemptServices full service names reachable without a token, e.g. {@code grpc.health.v1.Health}
     */
    public BearerTokenInterceptor(TokenSet tokens, Set<String> exemptServices) {
        this.tokens = tokens;
        this.exemptServices = Set.copyOf(exemptServices);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (exemptServices.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String value = headers.get(AUTHORIZATION);
        Status refusal = null;
        if (value == null) {
            refusal = Status.UNAUTHENTICATED.withDescription(
                    "missing bearer token; expected metadata 'authorization: Bearer TOKEN'");
        } else if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refusal = Status.UNAUTHENTICATED.withDescription(
                    "authorization metadata is not a bearer token; expected 'Bearer TOKEN'");
        } else if (!tokens.accepts(value.substring(SCHEME.length()).strip())) {
            refusal = Status.UNAUTHENTICATED.withDescription("invalid bearer token");
        }
        if (refusal != null) {
            call.close(refusal, new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
