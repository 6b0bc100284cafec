// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

/**
 * A server address.
 *
 * @param host host name or IP address (IPv6 without brackets)
 * @param port TCP port, 1 to 65535
 */
public record HostPort(String host, int port) {

    /** Checks the fields. */
    public HostPort {
        if (host == null || host.isBlank() || host.contains(",") || host.contains("/")) {
            throw new IllegalArgumentException("host '" + host + "'; expected a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of " + host + "; expected 1 to 65535");
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6-address]:port} or {@code v6-address:port}.
     *
     * @param text the address
     * @return the parsed address
     */
    public static HostPort parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("server address '" + text + "'; expected host:port");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server address '" + text + "'; expected host:port with a numeric port",
                    e);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
