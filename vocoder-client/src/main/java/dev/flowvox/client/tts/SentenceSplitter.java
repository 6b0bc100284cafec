// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts text that arrives a piece at a time (an LLM's token stream, a pipe) into sentences, emitting
 * each as soon as it is known to be complete, so speech can start before the text ends.
 *
 * <p>A sentence ends after {@code .}, {@code !}, {@code ?} or {@code …} (runs such as {@code ?!} or
 * {@code ...} count once), optionally followed by closing quotes or brackets, <em>and then
 * whitespace</em>: the end is only certain when the next character has arrived, so {@code "3."} waits
 * to see whether {@code "3.5"} follows. CJK full stops ({@code 。！？}) end a sentence at once. A
 * period does not end a sentence after a single capital letter (initials: "J. R. R. Tolkien") or a
 * common abbreviation ("Dr.", "e.g.", "etc."); after a lower-case word of one letter ("I saw a.") it
 * does. A blank line always ends one. A sentence longer than
 * {@code maxChars} is cut at its last comma, semicolon or colon, else at its last space, so that no
 * mel grows without bound. Not thread-safe.
 */
public final class SentenceSplitter {

    /** Default longest sentence, characters. */
    public static final int DEFAULT_MAX_CHARS = 300;

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
            "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "no", "fig", "approx", "mt", "jan", "feb", "aug", "sept",
            "oct", "nov", "dec", "gen", "col", "lt", "sgt", "rev", "u.s", "a.m", "p.m");

    private final int maxChars;
    private final StringBuilder pending = new StringBuilder();
    private int scanned;

    /** A splitter with {@link #DEFAULT_MAX_CHARS}. */
    public SentenceSplitter() {
        this(DEFAULT_MAX_CHARS);
    }

    /**
     * @param maxChars longest sentence, characters, at least 20
     */
    public SentenceSplitter(int maxChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("max sentence length " + maxChars + " characters; expected >= 20");
        }
        this.maxChars = maxChars;
    }

    /**
     * Adds text and returns the sentences it completes.
     *
     * @param text the next piece, any length (a token, a line, a whole document)
     * @return complete sentences in order, trimmed, never empty strings; often none
     */
    public List<String> append(CharSequence text) {
        pending.append(text);
        List<String> sentences = new ArrayList<>();
        int end;
        while ((end = nextBoundary()) >= 0) {
            emit(end, sentences);
        }
        while (pending.length() > maxChars) {
            emit(forcedCut(), sentences);
        }
        return sentences;
    }

    /**
     * Ends the text: whatever is pending is the last sentence.
     *
     * @return the last sentence, if any non-blank text was pending
     */
    public Optional<String> finish() {
        String rest = pending.toString().strip();
        pending.setLength(0);
        scanned = 0;
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private void emit(int end, List<String> sentences) {
        String sentence = pending.substring(0, end).strip();
        pending.delete(0, end);
        scanned = 0;
        if (!sentence.isEmpty()) {
            sentences.add(sentence);
        }
    }

    /** The index just past the first certain sentence end, or -1; remembers how far it looked. */
    private int nextBoundary() {
        for (int i = scanned; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '。' || c == '！' || c == '？') {
                return i + 1;
            }
            if (c == '\n' && i + 1 < pending.length() && pending.charAt(i + 1) == '\n') {
                return i + 1;
            }
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int after = i + 1;
                while (after < pending.length() && isTerminal(pending.charAt(after))) {
                    after++;
                }
                while (after < pending.length() && isClosing(pending.charAt(after))) {
                    after++;
                }
                if (after >= pending.length()) {
                    scanned = i;
                    return -1;
                }
                if (Character.isWhitespace(pending.charAt(after)) && !(c == '.' && abbreviationBefore(i))) {
                    return after;
                }
                i = after - 1;
            }
        }
        scanned = Math.max(0, pending.length() - 1);
        return -1;
    }

    private boolean abbreviationBefore(int period) {
        int start = period;
        while (start > 0 && (Character.isLetter(pending.charAt(start - 1)) || pending.charAt(start - 1) == '.')) {
            start--;
        }
        String word = pending.substring(start, period);
        return word.length() == 1 && Character.isUpperCase(word.charAt(0))
                || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private int forcedCut() {
        int limit = maxChars;
        for (int i = limit - 1; i > limit / 2; i--) {
            char c = pending.charAt(i);
            if ((c == ',' || c == ';' || c == ':') && Character.isWhitespace(pending.charAt(i + 1))) {
                return i + 1;
            }
        }
        for (int i = limit - 1; i > 0; i--) {
            if (Character.isWhitespace(pending.charAt(i))) {
                return i;
            }
        }
        return limit;
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '»' || c == '”' || c == '’';
    }
}
