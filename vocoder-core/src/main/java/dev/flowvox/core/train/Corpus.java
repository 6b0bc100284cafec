// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.LoadedAudio;
import dev.flowvox.core.audio.ModelInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clips of a manifest ({@code path, samples, seconds, source} as tab-separated values with a
 * header, paths relative to the manifest, as {@code scripts/prepare-corpus.sh} writes them), held in
 * memory at the model's rate.
 *
 * @param source where the clips came from: the manifest file, or several joined by {@code " + "}
 * @param names each clip's path as the manifest gives it
 * @param clips the audio, in manifest order
 */
public record Corpus(String source, List<String> names, List<AudioClip> clips) {

    /** The repository's data directories and the scripts that write their manifests. */
    private static final Map<String, String> PREPARED_BY = Map.of(
            "data/corpus/", "scripts/prepare-corpus.sh",
            "data/corpus-nl/", "scripts/prepare-corpus.sh --language nl",
            "data/words/", "scripts/prepare-words.sh",
            "data/espeak/", "scripts/prepare-espeak.sh");

    /** Freezes the lists and rejects an empty corpus. */
    public Corpus {
        names = List.copyOf(names);
        clips = List.copyOf(clips);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no audio");
        }
        if (names.size() != clips.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + clips.size() + " clips");
        }
    }

    /**
     * One clip a manifest lists.
     *
     * @param manifest the manifest
     * @param line its line number (1-based; the header is line 1)
     * @param name the clip's path as the manifest gives it, relative to the manifest
     */
    public record Entry(Path manifest, int line, String name) {

        /** The clip's file. */
        public Path file() {
            return manifest.toAbsolutePath().getParent().resolve(name);
        }
    }

    /**
     * Loads every clip of a manifest.
     *
     * @param manifest the TSV file
     * @param sampleRate the model's rate (Hz); other rates are resampled
     * @return the corpus
     * @throws NoSuchFileException if the manifest does not exist, saying how to make one
     * @throws IOException if the manifest or a clip cannot be read, naming the line
     */
    public static Corpus load(Path manifest, int sampleRate) throws IOException {
        return load(manifest, entries(manifest), sampleRate);
    }

    /**
     * The clips a manifest lists, without reading them, so that a caller can choose some before any
     * is decoded.
     *
     * @param manifest the TSV file
     * @return its entries in order
     * @throws NoSuchFileException if the manifest does not exist, saying how to make one
     * @throws IOException if the manifest cannot be read or has no header
     */
    public static List<Entry> entries(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest.toString(), null, "corpus manifest not found ("
                    + preparedBy(manifest) + ")");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("path\t")) {
            throw new IOException(manifest + " is not a corpus manifest: expected a header line starting with \"path<TAB>\"");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                entries.add(new Entry(manifest, i + 1, line.split("\t", 2)[0]));
            }
        }
        return entries;
    }

    /** Which of the repository's scripts writes a manifest, judged by its directory. */
    private static String preparedBy(Path manifest) {
        String path = "/" + manifest.toString().replace('\\', '/');
        for (Map.Entry<String, String> data : PREPARED_BY.entrySet()) {
            if (path.contains("/" + data.getKey())) {
                return data.getValue() + " writes it";
            }
        }
        return "scripts/prepare-corpus.sh writes data/corpus/{train,valid}.tsv, and with --language nl data/corpus-nl/";
    }

    /**
     * Loads chosen clips of a manifest.
     *
     * @param manifest the TSV file, the corpus's source
     * @param chosen entries of it ({@link #entries}), in the order wanted
     * @param sampleRate the model's rate (Hz); other rates are resampled
     * @return the corpus
     * @throws IOException if a clip cannot be read, naming its line
     */
    public static Corpus load(Path manifest, List<Entry> chosen, int sampleRate) throws IOException {
        List<String> names = new ArrayList<>();
        List<AudioClip> clips = new ArrayList<>();
        for (Entry entry : chosen) {
            try {
                LoadedAudio audio = ModelInput.load(entry.file(), sampleRate);
                names.add(entry.name());
                clips.add(audio.clip());
            } catch (IOException e) {
                throw new IOException(entry.manifest() + " line " + entry.line() + ": " + e.getMessage(), e);
            }
        }
        return new Corpus(manifest.toString(), names, clips);
    }

    /**
     * Several corpora as one, e.g. the speech of several languages to calibrate on.
     *
     * @param parts corpora at the same sample rate, at least one
     * @return their clips in order; the source names every part
     */
    public static Corpus concat(List<Corpus> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no corpora to join; expected at least one");
        }
        int rate = parts.get(0).clips().get(0).sampleRate();
        List<String> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<AudioClip> clips = new ArrayList<>();
        for (Corpus part : parts) {
            if (part.clips().get(0).sampleRate() != rate) {
                throw new IllegalArgumentException(part.source() + " is at " + part.clips().get(0).sampleRate()
                        + " Hz; expected " + rate + " Hz like " + parts.get(0).source());
            }
            sources.add(part.source());
            names.addAll(part.names());
            clips.addAll(part.clips());
        }
        return new Corpus(String.join(" + ", sources), names, clips);
    }

    /** Total samples of all clips. */
    public long totalSamples() {
        long total = 0;
        for (AudioClip clip : clips) {
            total += clip.length();
        }
        return total;
    }

    /** Total duration in seconds. */
    public double totalSeconds() {
        return (double) totalSamples() / clips.get(0).sampleRate();
    }
}
