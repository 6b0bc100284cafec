// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class SentenceSplitterTest {

    private static List<String> splitAll(SentenceSplitter splitter, String... pieces) {
        List<String> sentences = new ArrayList<>();
        for (String piece : pieces) {
            sentences.addAll(splitter.append(piece));
        }
        splitter.finish().ifPresent(sentences::add);
        return sentences;
    }

    @Test
    void sentenceIsEmittedOnlyOnceTheCharacterAfterItsPeriodArrives() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertEquals(List.of(), splitter.append("Hello there"));
        assertEquals(List.of(), splitter.append("."));
        assertEquals(List.of("Hello there."), splitter.append(" How"));
        assertEquals(List.of(), splitter.append(" are you?"));
        assertEquals(Optional.of("How are you?"), splitter.finish());
    }

    @Test
    void tokenStreamGivesTheSameSentencesAsWholeText() {
        String text = "Dr. Smith paid $3.50 for it. Really?! \"Yes,\" she said. J. R. R. Tolkien wrote it, e.g. "
                + "the Hobbit... Then it ended";
        List<String> whole = splitAll(new SentenceSplitter(), text);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 3) {
            tokens.add(text.substring(i, Math.min(text.length(), i + 3)));
        }
        assertEquals(whole, splitAll(new SentenceSplitter(), tokens.toArray(new String[0])));
        assertEquals(List.of("Dr. Smith paid $3.50 for it.", "Really?!", "\"Yes,\" she said.",
                "J. R. R. Tolkien wrote it, e.g. the Hobbit...", "Then it ended"), whole);
    }

    @Test
    void aOneLetterWordEndsASentenceButAnInitialDoesNot() {
        assertEquals(List.of("The dog jumps over a.", "Seven wizards hex J. Smith.", "Then x."),
                splitAll(new SentenceSplitter(), "The dog jumps over a. Seven wizards hex J. Smith. Then x."));
    }

    @Test
    void blankLineAndCjkFullStopEndSentences() {
        assertEquals(List.of("Title", "First line.", "你好。", "再见"),
                splitAll(new SentenceSplitter(), "Title\n\nFirst line. 你好。再见"));
    }

    @Test
    void overlongSentenceIsCutAtTheLastCommaWithinTheLimit() {
        String clause = "one two three four five six, ";
        List<String> sentences = new SentenceSplitter(60).append(clause.repeat(4));
        assertEquals(List.of("one two three four five six, one two three four five six,"), sentences);
        for (String sentence : sentences) {
            assertTrue(sentence.length() <= 60, sentence);
        }
    }
}
