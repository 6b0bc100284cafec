// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** NVIDIA's reference speech fixture, and WAV and AIFF files and corpus manifests cut from it, for the CLI tests. */
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

    /**
     * Writes two 1 s clips of the fixture, half a second apart, into {@code dir/wav} and a manifest
     * of them.
     *
     * @param dir where the clips and the manifest go
     * @return the manifest, {@code dir/valid.tsv}
     * @throws IOException if writing fails
     */
    static Path twoClips(Path dir) throws IOException {
        float[] speech = samples();
        Files.createDirectories(dir.resolve("wav"));
        StringBuilder manifest = new StringBuilder(MANIFEST_HEADER);
        for (int clip = 0; clip < 2; clip++) {
            String name = "wav/clip-" + clip + ".wav";
            write(dir.resolve(name), Arrays.copyOfRange(speech, clip * RATE / 2, clip * RATE / 2 + RATE));
            manifest.append(name).append("\t22050\t1.0\tfixture\n");
        }
        Path path = dir.resolve("valid.tsv");
        Files.writeString(path, manifest, StandardCharsets.UTF_8);
        return path;
    }
}
