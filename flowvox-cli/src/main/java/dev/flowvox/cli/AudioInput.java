// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.client.audio.AudioFiles;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;

/** How commands read input audio: any format {@link AudioFiles} decodes, its warnings on stderr. */
final class AudioInput {

    /** The formats read, for help texts. */
    static final String FORMATS = "WAV, AIFF or AU; MP3, FLAC, Ogg, M4A and more through ffmpeg";

    private AudioInput() {
    }

    /**
     * Reads an audio file and prints each warning as {@code flowvox COMMAND: FILE: WARNING} on the
     * command's stderr (commands such as {@code score} read several files).
     *
     * @param file the file
     * @param sampleRate the rate to return, Hz
     * @param spec the command reading it
     * @return its audio, mono at {@code sampleRate}
     * @throws IOException if the file cannot be read or decoded
     */
    static AudioFiles.Loaded load(Path file, int sampleRate, CommandSpec spec) throws IOException {
        AudioFiles.Loaded audio = AudioFiles.load(file, sampleRate);
        String prefix = spec.qualifiedName() + ": " + file + ": ";
        audio.warnings().forEach(w -> spec.commandLine().getErr().println(prefix + w));
        return audio;
    }
}
