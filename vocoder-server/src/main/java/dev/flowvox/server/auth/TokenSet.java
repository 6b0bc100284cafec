// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The bearer tokens a server accepts. Only SHA-256 digests are kept; a presented token is hashed and
 * compared with every digest with {@link MessageDigest#isEqual} (constant time, and equal-length
 * digests hide the tokens' lengths), without stopping at the first match.
 */
public final class TokenSet {

    private final List<byte[]> digests;

    private TokenSet(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * Tokens given directly (an environment variable, comma-separated, is split by the caller).
     *
     * @param tokens non-blank tokens; surrounding whitespace is removed
     * @return the set
     * @throws IllegalArgumentException if there is no token or one is blank
     */
    public static TokenSet of(Collection<String> tokens) {
        List<byte[]> digests = new ArrayList<>();
        for (String token : tokens) {
            String trimmed = token.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("a bearer token is blank; expected non-empty tokens");
            }
            digests.add(sha256(trimmed));
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("no bearer tokens given; expected at least one");
        }
        return new TokenSet(digests);
    }

    /**
     * Tokens from a file, one per line; blank lines and lines starting with {@code #} are skipped.
     *
     * @param file the file
     * @return the set
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no token
     */
    public static TokenSet fromFile(Path file) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                tokens.add(trimmed);
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("token file " + file + " holds no token; expected one per line");
        }
        return of(tokens);
    }

    /** Number of accepted tokens. */
    public int size() {
        return digests.size();
    }

    /**
     * @param token a presented token
     * @return whether it is one of the set
     */
    public boolean accepts(String token) {
        byte[] presented = sha256(token);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
