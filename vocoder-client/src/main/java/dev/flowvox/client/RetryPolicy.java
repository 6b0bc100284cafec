// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a client retries calls that fail with UNAVAILABLE (a server shutting down or unreachable),
 * expressed as a gRPC service config {@code retryPolicy} for {@code flowvox.v1.Vocoder}. gRPC
 * retries a call only until the server has sent a response, so audio is never duplicated; with
 * round robin, the retry goes to the next server.
 *
 * @param maxAttempts attempts including the first, 2 to 5 (gRPC caps at 5); 1 disables retries
 * @param initialBackoff mean delay before the first retry, positive
 * @param maxBackoff cap on the delay, at least {@code initialBackoff}
 * @param backoffMultiplier growth of the delay per retry, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier) {

    /** Three attempts, 0.1 s first backoff doubling up to 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0);
    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), 1.0);

    /** Checks the ranges. */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 5) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + "; expected 1 to 5");
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff " + initialBackoff + "; expected a positive duration");
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + "; expected at least the initial "
                    + initialBackoff);
        }
        if (!(backoffMultiplier >= 1)) {
            throw new IllegalArgumentException("backoff multiplier " + backoffMultiplier + "; expected >= 1");
        }
    }

    /**
     * The service config a channel is built with.
     *
     * @param roundRobin whether to balance calls over every resolved address (otherwise pick first)
     * @return the config as gRPC's JSON-like map
     */
    Map<String, Object> serviceConfig(boolean roundRobin) {
        Map<String, Object> method = maxAttempts == 1
                ? Map.of("name", List.of(Map.of("service", "flowvox.v1.Vocoder")))
                : Map.of("name", List.of(Map.of("service", "flowvox.v1.Vocoder")),
                        "retryPolicy", Map.of(
                                "maxAttempts", (double) maxAttempts,
                                "initialBackoff", seconds(initialBackoff),
                                "maxBackoff", seconds(maxBackoff),
                                "backoffMultiplier", backoffMultiplier,
                                "retryableStatusCodes", List.of("UNAVAILABLE")));
        return Map.of(
                "loadBalancingConfig", List.of(Map.of(roundRobin ? "round_robin" : "pick_first", Map.of())),
                "methodConfig", List.of(method));
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
