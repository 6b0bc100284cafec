// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class CorpusTest {

    @TempDir
    Path dir;

    @Test
    void manifestsLoadRelativeToThemselvesAndJoinInOrder() throws Exception {
        Corpus first = Corpus.load(manifest("cs", 100, 200), 22050);
        Corpus second = Corpus.load(manifest("nl", 300), 22050);

        Corpus joined = Corpus.concat(List.of(first, second));

        assertEquals(first.source() + " + " + second.source(), joined.source());
        assertTrue(first.source().endsWith("cs.tsv"), first.source());
        assertEquals(List.of("cs/0.wav", "cs/1.wav", "nl/0.wav"), joined.names());
        assertEquals(600, joined.totalSamples());
        assertEquals(300, joined.clips().get(2).length());
    }

    @Test
    void aMissingManifestNamesTheScriptThatWritesIt() {
        Map<String, String> scripts = Map.of("data/corpus-nl/train.tsv", "scripts/prepare-corpus.sh --language nl",
                "data/corpus/valid.tsv", "scripts/prepare-corpus.sh", "data/words/heldout.tsv",
                "scripts/prepare-words.sh", "data/espeak/train.tsv", "scripts/prepare-espeak.sh");
        for (Map.Entry<String, String> manifest : scripts.entrySet()) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class,
                    () -> Corpus.entries(dir.resolve(manifest.getKey())));
            assertEquals("corpus manifest not found (" + manifest.getValue() + " writes it)", e.getReason());
        }
        NoSuchFileException elsewhere = assertThrows(NoSuchFileException.class,
                () -> Corpus.entries(dir.resolve("mine.tsv")));
        assertTrue(elsewhere.getReason().contains("scripts/prepare-corpus.sh writes data/corpus/"),
                elsewhere.getReason());
    }

    @Test
    void joiningCorporaAtDifferentRatesIsRefused() throws Exception {
        Corpus at22050 = Corpus.load(manifest("cs", 100), 22050);
        Corpus at16000 = new Corpus("other.tsv", List.of("a.wav"), List.of(new AudioClip(new float[10], 16000)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Corpus.concat(List.of(at22050, at16000)));

        assertEquals("other.tsv is at 16000 Hz; expected 22050 Hz like " + at22050.source(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Corpus.concat(List.of()));
    }

    @Test
    void onlyChosenEntriesAreRead() throws Exception {
        Path manifest = manifest("cs", 100, 200, 300);
        Files.delete(dir.resolve("cs/1.wav"));
        List<Corpus.Entry> entries = Corpus.entries(manifest);
        assertEquals(List.of(2, 3, 4), entries.stream().map(Corpus.Entry::line).toList());

        Corpus chosen = Corpus.load(manifest, List.of(entries.get(2), entries.get(0)), 22050);

        assertEquals(List.of("cs/2.wav", "cs/0.wav"), chosen.names());
        assertEquals(List.of(300, 100), chosen.clips().stream().map(AudioClip::length).toList());
        IOException e = assertThrows(IOException.class, () -> Corpus.load(manifest, 22050));
        assertTrue(e.getMessage().startsWith(manifest + " line 3: "), e.getMessage());
    }

    private Path manifest(String name, int... lengths) throws Exception {
        Files.createDirectories(dir.resolve(name));
        StringBuilder tsv = new StringBuilder("path\tsamples\tseconds\tsource\n");
        for (int i = 0; i < lengths.length; i++) {
            String path = name + "/" + i + ".wav";
            WavWriter.write(new AudioClip(new float[lengths[i]], 22050), WavEncoding.PCM_16, dir.resolve(path));
            tsv.append(path).append('\t').append(lengths[i]).append("\t0\ttest\n");
        }
        Path manifest = dir.resolve(name + ".tsv");
        Files.writeString(manifest, tsv, StandardCharsets.UTF_8);
        return manifest;
    }
}
