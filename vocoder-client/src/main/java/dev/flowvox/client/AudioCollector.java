// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.core.audio.AudioClip;

import java.util.Arrays;

/** Concatenates the pieces of one utterance, checking that they are contiguous and end with {@code last}. */
final class AudioCollector {

    private float[] samples = new float[0];
    private int length;
    private int sampleRate;
    private boolean complete;

    /**
     * @param piece the next piece
     * @throws IllegalStateException if it does not continue the audio so far
     */
    void add(AudioPiece piece) {
        if (complete) {
            throw new IllegalStateException("audio chunk at sample " + piece.firstSample() + " after the last chunk");
        }
        if (piece.firstSample() != length || (sampleRate != 0 && piece.sampleRate() != sampleRate)) {
            throw new IllegalStateException("audio chunk at sample " + piece.firstSample() + ", " + piece.sampleRate()
                    + " Hz; expected sample " + length + (sampleRate != 0 ? " at " + sampleRate + " Hz" : ""));
        }
        sampleRate = piece.sampleRate();
        if (length + piece.length() > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(2 * samples.length, length + piece.length()));
        }
        System.arraycopy(piece.samples(), 0, samples, length, piece.length());
        length += piece.length();
        complete = piece.last();
    }

    /**
     * @return the utterance
     * @throws IllegalStateException if the last chunk has not arrived
     */
    AudioClip clip() {
        if (!complete) {
            throw new IllegalStateException("the audio stream ended after " + length
                    + " samples without its last chunk");
        }
        return new AudioClip(Arrays.copyOf(samples, length), sampleRate);
    }
}
