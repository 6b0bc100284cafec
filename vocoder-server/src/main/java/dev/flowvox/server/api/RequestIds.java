// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import java.util.UUID;

/** Request ids: the caller's, checked, or a random one; logs carry them under {@link #MDC_KEY}. */
final class RequestIds {

    /** The SLF4J MDC key of the request id ({@code %X{request_id}} in a logback pattern). */
    static final String MDC_KEY = "request_id";
    /** Longest id accepted, characters. */
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /**
     * @param requested the caller's id, possibly empty
     * @return the id to use
     * @throws IllegalArgumentException if the id is too long or not printable ASCII
     */
    static String resolve(String requested) {
        if (requested.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        if (requested.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("request_id has " + requested.length() + " characters; expected at most "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("request_id has character U+" + String.format("%04X", (int) c)
                        + " at " + i + "; expected printable ASCII");
            }
        }
        return requested;
    }
}
