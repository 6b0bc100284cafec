// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;

import java.io.IOException;
import java.nio.file.Path;

/** NVIDIA's reference speech fixture, and WAV files and corpus manifests cut from it, for the CLI tests. */
final class FixtureSpeech {

    /** Rate of the fixture and of every file written, Hz. */
    static final int RATE = 22050;
    /** First line of a corpus manifest. */
    static final String MANIFEST_HEADER = "path\tsamples\tseconds\tsource\n";

    private FixtureSpeech() {
    }

    /** @return the fixture speech at {@link #RATE} */
    static float[] samples() throws IOException {
        return ModelInput.load(Path.of(System.getProperty("flowvox.fixtures"), "speech-22050.wav"), RATE).clip()
                .samples();
    }

    /**
     * Writes a 16-bit WAV file at {@link #RATE}.
     *
     * @param path the file
     * @param samples the audio
     * @throws IOException if writing fails
     */
    static void write(Path path, float[] samples) throws IOException {
        WavWriter.write(new AudioClip(samples, RATE), WavEncoding.PCM_16, path);
    }
}
