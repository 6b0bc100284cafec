// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.client.audio.AudioStreams;
import dev.flowvox.client.audio.SilenceTrimmer;

import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import marytts.exceptions.MaryConfigurationException;
import marytts.exceptions.SynthesisException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * MaryTTS 5.2.1 in this JVM (pure Java, offline) with its bundled HMM voice {@code cmu-slt-hsmm}
 * (US English, female): MaryTTS synthesizes the sentence, and {@link MelAnalyzer} trims, resamples
 * its audio to 22050 Hz and computes the mel, so our vocoder re-synthesizes MaryTTS's speech ("copy
 * synthesis"). Starting MaryTTS takes a few seconds once per front end. MaryTTS writes its log to
 * {@code ${mary.base}/log/server.log}; unless the application sets the system property
 * {@code mary.base}, it is set to a new temporary directory, removed when the JVM exits, so that no
 * {@code log/} appears in the working directory.
 *
 * <p>Needs {@code de.dfki.mary:marytts-runtime}, {@code marytts-lang-en} and
 * {@code voice-cmu-slt-hsmm} on the class path; the client declares them optional, so an application
 * that uses this front end declares them too (see the client README for the exclusions).
 */
public final class MaryTtsFrontEnd implements FrontEnd {

    /** The bundled voice. */
    public static final String DEFAULT_VOICE = "cmu-slt-hsmm";

    /**
     * MaryTTS writes {@code log/server.log} under this directory (default: the working directory); unless
     * the application sets it, it becomes a temporary directory.
     */
    private static final String MARY_BASE = "mary.base";

    private final MaryInterface mary;
    private final String voice;
    private final MelAnalyzer analyzer = new MelAnalyzer(SilenceTrimmer.DEFAULT);

    /**
     * Starts MaryTTS with the bundled voice.
     *
     * @throws IOException if MaryTTS cannot start or the voice is missing
     */
    public MaryTtsFrontEnd() throws IOException {
        this(DEFAULT_VOICE);
    }

    /**
     * @param voice an installed MaryTTS voice
     * @throws IOException if MaryTTS cannot start or the voice is missing
     */
    public MaryTtsFrontEnd(String voice) throws IOException {
        if (System.getProperty(MARY_BASE) == null) {
            Path base = Files.createTempDirectory("flowvox-marytts");
            System.setProperty(MARY_BASE, base.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base), "flowvox-marytts-cleanup"));
        }
        try {
            this.mary = new LocalMaryInterface();
        } catch (MaryConfigurationException e) {
            throw new IOException("MaryTTS failed to start: " + e.getMessage(), e);
        }
        if (!mary.getAvailableVoices().contains(voice)) {
            throw new IOException("MaryTTS voice '" + voice + "' is not installed; available: "
                    + mary.getAvailableVoices());
        }
        mary.setVoice(voice);
        this.voice = voice;
    }

    @Override
    public synchronized float[][] mel(String sentence) throws IOException {
        try {
            return analyzer.analyze(AudioStreams.read(mary.generateAudio(sentence)));
        } catch (SynthesisException e) {
            throw new IOException("MaryTTS could not speak '" + sentence + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "MaryTTS (" + voice + ")";
    }

    /** Removes the temporary MaryTTS base (its log) when the JVM exits; best effort. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("flowvox: could not remove MaryTTS's temporary directory " + root + ": " + e.getMessage());
        }
    }
}
