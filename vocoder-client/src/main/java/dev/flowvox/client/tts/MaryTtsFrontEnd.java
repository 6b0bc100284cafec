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

/**
 * MaryTTS 5.2.1 in this JVM (pure Java, offline) with its bundled HMM voice {@code cmu-slt-hsmm}
 * (US English, female): MaryTTS synthesizes the sentence, and {@link MelAnalyzer} trims, resamples
 * its audio to 22050 Hz and computes the mel, so our vocoder re-synthesizes MaryTTS's speech ("copy
 * synthesis"). Starting MaryTTS takes a few seconds once per front end. MaryTTS writes its log to
 * {@code ${mary.base}/log/server.log}; unless the application sets the system property
 * {@code mary.base}, it is set to a new temporary directory so that no {@code log/} appears in the
 * working directory.
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
            System.setProperty(MARY_BASE, Files.createTempDirectory("flowvox-marytts").toString());
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
}
