// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The 256 linear values of each G.711 law's 8-bit codes, as the JDK's own codec
 * ({@code javax.sound}) expands them to 16-bit PCM, scaled by 1/32768 like 16-bit PCM. Built once;
 * decoding a sample is then a table look-up.
 */
final class G711Expansion {

    /** µ-law code to sample in [-1, 1). */
    static final float[] MULAW = expand(AudioFormat.Encoding.ULAW);
    /** A-law code to sample in [-1, 1). */
    static final float[] ALAW = expand(AudioFormat.Encoding.ALAW);

    private static final int CODES = 256;
    private static final float RATE = 8000;

    private G711Expansion() {
    }

    private static float[] expand(AudioFormat.Encoding law) {
        byte[] codes = new byte[CODES];
        for (int code = 0; code < CODES; code++) {
            codes[code] = (byte) code;
        }
        AudioFormat compressed = new AudioFormat(law, RATE, 8, 1, 1, RATE, false);
        AudioFormat linear = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, RATE, 16, 1, 2, RATE, false);
        try (AudioInputStream expanded = AudioSystem.getAudioInputStream(linear,
                new AudioInputStream(new ByteArrayInputStream(codes), compressed, CODES))) {
            ByteBuffer pcm = ByteBuffer.wrap(expanded.readNBytes(2 * CODES)).order(ByteOrder.LITTLE_ENDIAN);
            float[] table = new float[CODES];
            for (int code = 0; code < CODES; code++) {
                table[code] = pcm.getShort() / 32768f;
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("the JDK's G.711 codec failed on its own code table", e);
        }
    }
}
