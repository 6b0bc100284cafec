// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import java.io.IOException;

/**
 * The acoustic front end of text-to-speech: one sentence in, its mel spectrogram out, in NVIDIA's
 * Tacotron2/WaveGlow convention at 22050 Hz (80 bands, hop 256, natural-log magnitude), ready for
 * the vocoder. Implementations: {@link EspeakFrontEnd} (external process), {@link MaryTtsFrontEnd}
 * (pure Java), {@link MelFileFrontEnd} (mels written by an external acoustic model). A pipeline calls
 * one front end from one thread at a time.
 */
public interface FrontEnd extends AutoCloseable {

    /**
     * @param sentence one sentence of text (for {@link MelFileFrontEnd}, a file name)
     * @return {@code [80][frames]}, frames >= 1
     * @throws IOException if the front end fails; the message names the sentence
     */
    float[][] mel(String sentence) throws IOException;

    /** @return a short name for logs and messages, e.g. "espeak-ng" */
    String name();

    /** Releases the front end's resources. Default: nothing. */
    @Override
    default void close() {
    }
}
