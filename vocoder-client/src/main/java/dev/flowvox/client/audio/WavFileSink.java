// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.AudioEncoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit PCM mono WAV file as the audio arrives; {@link #close()} fills in the sizes in the
 * header. The file is created (or truncated) on the first write; a sink closed without any audio
 * writes an empty WAV at the default rate of 22050 Hz.
 */
public final class WavFileSink implements AudioSink {

    private static final int HEADER_BYTES = 44;
    private static final int DEFAULT_RATE = 22050;

    private final Path path;
    private FileChannel file;
    private int sampleRate;
    private long samples;

    /**
     * @param path the WAV file to write, replaced if it exists
     */
    public WavFileSink(Path path) {
        this.path = path;
    }

    @Override
    public void write(float[] audio, int rate) throws IOException {
        if (file == null) {
            open(rate);
        } else if (rate != sampleRate) {
            throw new IOException("audio at " + rate + " Hz for " + path + ", which is being written at " + sampleRate
                    + " Hz; expected one rate per file");
        }
        ByteBuffer data = AudioCodec.encode(audio, AudioEncoding.PCM16).asReadOnlyByteBuffer();
        while (data.hasRemaining()) {
            file.write(data);
        }
        samples += audio.length;
    }

    /** @return samples written so far */
    public long samples() {
        return samples;
    }

    @Override
    public void close() throws IOException {
        if (file == null) {
            open(DEFAULT_RATE);
        }
        long dataBytes = 2 * samples;
        if (dataBytes + HEADER_BYTES - 8 > 0xFFFFFFFFL) {
            file.close();
            throw new IOException(samples + " samples exceed the 4 GiB WAV limit of " + path);
        }
        ByteBuffer header = header(sampleRate, dataBytes);
        file.write(header, 0);
        file.close();
    }

    private void open(int rate) throws IOException {
        if (rate <= 0) {
            throw new IOException("sample rate " + rate + " Hz; expected > 0");
        }
        sampleRate = rate;
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        file.write(header(rate, 0));
    }

    private static ByteBuffer header(int rate, long dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt((int) (HEADER_BYTES - 8 + dataBytes)).put(ascii("WAVE"));
        header.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        header.put(ascii("data")).putInt((int) dataBytes);
        return header.flip();
    }

    private static byte[] ascii(String id) {
        return id.getBytes(StandardCharsets.US_ASCII);
    }
}
