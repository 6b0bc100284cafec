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
     * Loads every clip of a manifest.
     *
     * @param manifest the TSV file
     * @param sampleRate the model's rate (Hz); other rates are resampled
     * @return the corpus
     * @throws NoSuchFileException if the manifest does not exist, saying how to make one
     * @throws IOException if the manifest or a clip cannot be read, naming the line
     */
    public static Corpus load(Path manifest, int sampleRate) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest.toString(), null, "corpus manifest not found "
                    + "(scripts/prepare-corpus.sh writes data/corpus/{train,valid}.tsv, and with --language nl "
                    + "data/corpus-nl/)");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("path\t")) {
            throw new IOException(manifest + " is not a corpus manifest: expected a header line starting with \"path<TAB>\"");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<String> names = new ArrayList<>();
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String name = line.split("\t", 2)[0];
            Path file = base.resolve(name);
            try {
                LoadedAudio audio = ModelInput.load(file, sampleRate);
                names.add(name);
                clips.add(audio.clip());
            } catch (IOException e) {
                throw new IOException(manifest + " line " + (i + 1) + ": " + e.getMessage(), e);
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
