// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.AudioEncoding;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Raw signed 16-bit little-endian mono PCM, no header, flushed after every piece so that a player
 * on the other end of a pipe starts at once:
 * {@code flowvox speak --raw "Hello." | aplay -f S16_LE -r 22050 -c 1}.
 */
public final class PcmStreamSink implements AudioSink {

    private final OutputStream out;
    private int sampleRate;

    /**
     * @param out where to write (e.g. {@code System.out}); flushed after each write, not closed
     */
    public PcmStreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(float[] samples, int rate) throws IOException {
        if (sampleRate != 0 && rate != sampleRate) {
            throw new IOException("audio at " + rate + " Hz on a raw stream started at " + sampleRate
                    + " Hz; expected one rate");
        }
        sampleRate = rate;
        byte[] bytes = AudioCodec.encode(samples, AudioEncoding.PCM16).toByteArray();
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
