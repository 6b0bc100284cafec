// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, independently of {@link WavWriter}, for reader tests. */
final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    /** Appends a chunk, with the pad byte RIFF requires after an odd-sized body. */
    WavBytes chunk(String id, byte[] body) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length);
        chunks.writeBytes(header.array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    /** Appends a 16-byte {@code fmt } chunk. */
    WavBytes format(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        ByteBuffer body = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        body.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits);
        return chunk("fmt ", body.array());
    }

    /** Appends a 40-byte extensible {@code fmt } chunk whose sub-format is {@code subTag}. */
    WavBytes extensibleFormat(int subTag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        ByteBuffer body = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        body.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits).putShort((short) 22)
                .putShort((short) bits).putInt(channels == 1 ? 4 : 3).putShort((short) subTag)
                .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                    (byte) 0x9B, 0x71});
        return chunk("fmt ", body.array());
    }

    /** @return the RIFF/WAVE file holding the chunks appended so far */
    byte[] build() {
        byte[] body = chunks.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return file.array();
    }

    /** @return the values as little-endian signed 16-bit integers */
    static byte[] pcm16(int... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            data.putShort((short) value);
        }
        return data.array();
    }
}
