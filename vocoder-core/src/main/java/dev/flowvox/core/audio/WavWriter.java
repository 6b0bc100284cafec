// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes mono WAV files as 16-bit PCM (x · 32768 rounded to nearest, clipped to [-32768, 32767])
 * or 32-bit IEEE float (samples as is, with the {@code fact} chunk float files need).
 */
public final class WavWriter {
    private static final int PCM_FMT_BYTES = 16;
    private static final int FLOAT_FMT_BYTES = 18;
    private static final int FACT_CHUNK_BYTES = 12;

    private WavWriter() {}

    /**
     * Writes a clip to a file.
     *
     * @param clip the audio, any rate
     * @param encoding {@link WavEncoding#PCM_16} or {@link WavEncoding#FLOAT_32}
     * @param path the file, replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public static void write(AudioClip clip, WavEncoding encoding, Path path) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            write(clip, encoding, out);
        }
    }

    /**
     * Writes a clip to a stream as a complete WAV file.
     *
     * @param clip the audio, any rate
     * @param encoding {@link WavEncoding#PCM_16} or {@link WavEncoding#FLOAT_32}
     * @param out the stream; flushed, not closed
     * @throws IOException if writing fails
     */
    public static void write(AudioClip clip, WavEncoding encoding, OutputStream out) throws IOException {
        if (encoding != WavEncoding.PCM_16 && encoding != WavEncoding.FLOAT_32) {
            throw new IllegalArgumentException("cannot write " + encoding + "; expected PCM_16 or FLOAT_32");
        }
        boolean pcm = encoding == WavEncoding.PCM_16;
        int width = encoding.bytesPerSample();
        long dataBytes = (long) clip.length() * width;
        int fmtBytes = pcm ? PCM_FMT_BYTES : FLOAT_FMT_BYTES;
        int headerBytes = 12 + 8 + fmtBytes + (pcm ? 0 : FACT_CHUNK_BYTES) + 8;
        if (headerBytes - 8 + dataBytes > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(clip.length() + " samples of " + encoding
                    + " exceed the 4 GiB RIFF limit");
        }
        ByteBuffer header = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt((int) (headerBytes - 8 + dataBytes)).put(ascii("WAVE"));
        header.put(ascii("fmt ")).putInt(fmtBytes);
        header.putShort((short) encoding.formatTag()).putShort((short) 1).putInt(clip.sampleRate());
        header.putInt(clip.sampleRate() * width).putShort((short) width)
                .putShort((short) encoding.bitsPerSample());
        if (!pcm) {
            header.putShort((short) 0);
            header.put(ascii("fact")).putInt(4).putInt(clip.length());
        }
        header.put(ascii("data")).putInt((int) dataBytes);
        out.write(header.array());
        out.write(encode(clip.samples(), pcm));
        out.flush();
    }

    private static byte[] encode(float[] samples, boolean pcm) {
        ByteBuffer data = ByteBuffer.allocate(samples.length * (pcm ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : samples) {
            if (pcm) {
                long value = Math.round(sample * 32768.0);
                data.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value)));
            } else {
                data.putFloat(sample);
            }
        }
        return data.array();
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.ISO_8859_1);
    }
}
