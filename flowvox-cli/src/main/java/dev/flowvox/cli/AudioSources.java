// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.client.audio.AudioFiles;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.train.Corpus;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Audio named on the command line: directories (searched, with their subdirectories, for audio files
 * by extension), audio files in any format {@link AudioFiles} reads, and corpus manifests
 * ({@code .tsv}).
 */
final class AudioSources {

    /** File name extensions taken as audio when a directory is searched. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac",
            "aif", "aiff", "au", "snd");

    private AudioSources() {
    }

    /**
     * The files a list of arguments names: each directory replaced by its audio files, sorted by path;
     * other arguments kept as they are (a missing file fails where it is read, naming itself).
     *
     * @param sources files and directories
     * @return files in argument order
     * @throws IOException if a directory holds no audio file or cannot be listed
     */
    static List<Path> expand(List<Path> sources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            files.addAll(Files.isDirectory(source) ? audioFilesIn(source) : List.of(source));
        }
        return files;
    }

    /**
     * Normal speech as a corpus: every argument sampled on its own to at most {@code maxEach} clips,
     * evenly spaced ({@link CorpusSample#evenly}; chosen before any is read),
     * so that a large corpus does not crowd out a small one.
     *
     * @param sources directories, audio files and manifests, at least one
     * @param sampleRate the model's rate, Hz
     * @param maxEach clips to keep at most from each argument
     * @param spec the command reading, whose stderr gets a summary of conversions (resampling, other
     *     decoders)
     * @return the clips joined in argument order
     * @throws IOException if an argument or a file cannot be read, naming it
     */
    static Corpus corpus(List<Path> sources, int sampleRate, int maxEach, CommandSpec spec) throws IOException {
        List<Corpus> parts = new ArrayList<>();
        int converted = 0;
        String example = null;
        for (Path source : sources) {
            if (source.toString().toLowerCase(Locale.ROOT).endsWith(".tsv")) {
                parts.add(CorpusSample.evenly(source, sampleRate, maxEach));
                continue;
            }
            List<String> names = new ArrayList<>();
            List<AudioClip> clips = new ArrayList<>();
            for (Path file : CorpusSample.evenly(expand(List.of(source)), maxEach)) {
                AudioFiles.Loaded audio = AudioFiles.load(file, sampleRate);
                names.add(file.toString());
                clips.add(audio.clip());
                if (!audio.warnings().isEmpty()) {
                    converted++;
                    example = example == null ? file + ": " + audio.warnings().get(0) : example;
                }
            }
            parts.add(new Corpus(source.toString(), names, clips));
        }
        if (converted > 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + converted
                    + " audio files were converted on reading, e.g. " + example);
        }
        return Corpus.concat(parts);
    }

    private static List<Path> audioFilesIn(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(AudioSources::isAudio).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(directory + " holds no audio files; expected files ending in one of "
                    + AUDIO_EXTENSIONS.stream().sorted().toList());
        }
        return files;
    }

    private static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
