// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decodes RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits,
 * telephony's 8-bit G.711 µ-law and A-law ({@link G711Expansion}), and {@code WAVE_FORMAT_EXTENSIBLE}
 * wrapping any of them (its sub-format GUID's first two bytes name the format; 24-in-32 style
 * containers decode at container width). Chunks other than {@code fmt }
 * and {@code data} are skipped. The whole file is read into memory.
 */
public final class WavReader {
    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int FMT_BYTES = 16;
    private static final int EXTENSIBLE_FMT_BYTES = 40;
    private static final Map<Integer, String> KNOWN_FORMATS = Map.of(
            WavEncoding.FORMAT_PCM, "PCM", WavEncoding.FORMAT_IEEE_FLOAT, "IEEE float",
            WavEncoding.FORMAT_ALAW, "A-law", WavEncoding.FORMAT_MULAW, "mu-law", 0x0002, "Microsoft ADPCM",
            0x0011, "IMA ADPCM", 0x0031, "GSM 6.10", 0x0050, "MPEG", 0x0055, "MP3");

    private WavReader() {}

    /**
     * Reads and decodes a WAV file.
     *
     * @param path the file
     * @return header facts and de-interleaved channels
     * @throws AudioFormatException if the file is truncated, not RIFF/WAVE, or not a supported
     *     encoding; the message names the file, the problem and what was expected
     * @throws IOException if the file cannot be read
     */
    public static DecodedWav read(Path path) throws IOException {
        return decode(Files.readAllBytes(path), path.toString());
    }

    /**
     * Reads and decodes a WAV stream to its end; see {@link #read(Path)}.
     *
     * @param in the stream; not closed
     * @param source a name for error messages, such as the file name
     * @return header facts and de-interleaved channels
     * @throws IOException as for {@link #read(Path)}
     */
    public static DecodedWav read(InputStream in, String source) throws IOException {
        return decode(in.readAllBytes(), source);
    }

    private static DecodedWav decode(byte[] bytes, String source) throws AudioFormatException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < RIFF_HEADER_BYTES) {
            throw new AudioFormatException("truncated WAV " + source + ": " + bytes.length
                    + " bytes; expected at least the 12-byte RIFF/WAVE header");
        }
        String riff = fourCc(buffer, 0);
        String wave = fourCc(buffer, 8);
        if (!"RIFF".equals(riff) || !"WAVE".equals(wave)) {
            throw new AudioFormatException("not a WAV file: " + source + " starts with '" + printable(riff)
                    + "'...'" + printable(wave) + "'; expected 'RIFF'...'WAVE'");
        }
        WavFormat format = null;
        int position = RIFF_HEADER_BYTES;
        while (position + CHUNK_HEADER_BYTES <= bytes.length) {
            String id = fourCc(buffer, position);
            long size = buffer.getInt(position + 4) & 0xFFFFFFFFL;
            int body = position + CHUNK_HEADER_BYTES;
            if (body + size > bytes.length) {
                throw new AudioFormatException("truncated WAV " + source + ": chunk '" + printable(id)
                        + "' at byte " + position + " declares " + size + " bytes but only "
                        + (bytes.length - body) + " remain");
            }
            if ("fmt ".equals(id)) {
                format = parseFormat(buffer, body, (int) size, source);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new AudioFormatException("malformed WAV " + source
                            + ": 'data' chunk before any 'fmt ' chunk; expected 'fmt ' first");
                }
                return decodeData(buffer, body, (int) size, format, source);
            }
            position = (int) (body + size + (size & 1));
        }
        throw new AudioFormatException("truncated WAV " + source + ": no 'data' chunk in "
                + bytes.length + " bytes" + (format == null ? " (and no 'fmt ' chunk)" : ""));
    }

    private record WavFormat(int channels, int sampleRate, int blockAlign, WavEncoding encoding) {}

    private static WavFormat parseFormat(ByteBuffer buffer, int body, int size, String source)
            throws AudioFormatException {
        if (size < FMT_BYTES) {
            throw new AudioFormatException("malformed WAV " + source + ": 'fmt ' chunk of " + size
                    + " bytes; expected at least " + FMT_BYTES);
        }
        int tag = buffer.getShort(body) & 0xFFFF;
        int channels = buffer.getShort(body + 2) & 0xFFFF;
        long sampleRate = buffer.getInt(body + 4) & 0xFFFFFFFFL;
        int blockAlign = buffer.getShort(body + 12) & 0xFFFF;
        int bits = buffer.getShort(body + 14) & 0xFFFF;
        int formatTag = tag;
        if (tag == WavEncoding.FORMAT_EXTENSIBLE) {
            if (size < EXTENSIBLE_FMT_BYTES) {
                throw new AudioFormatException("malformed WAV " + source + ": extensible 'fmt ' chunk"
                        + " of " + size + " bytes; expected " + EXTENSIBLE_FMT_BYTES);
            }
            formatTag = buffer.getShort(body + 24) & 0xFFFF;
        }
        String name = KNOWN_FORMATS.getOrDefault(formatTag, "unknown");
        String widths = WavEncoding.widths(formatTag);
        if (widths.isEmpty()) {
            throw new AudioFormatException(String.format("unsupported WAV encoding 0x%04X (%s)%s in %s;"
                    + " expected PCM (1), IEEE float (3), A-law (6), mu-law (7) or extensible (0xFFFE) wrapping one",
                    formatTag, name, tag == formatTag ? "" : " inside extensible", source));
        }
        WavEncoding encoding = WavEncoding.of(formatTag, bits);
        if (encoding == null) {
            throw new AudioFormatException("unsupported " + bits + "-bit " + name + " in " + source + "; expected "
                    + widths + " bits");
        }
        if (channels < 1 || sampleRate < 1 || sampleRate > Integer.MAX_VALUE) {
            throw new AudioFormatException("malformed WAV " + source + ": " + channels
                    + " channels at " + sampleRate + " Hz; expected at least 1 channel and a positive rate");
        }
        if (blockAlign != channels * encoding.bytesPerSample()) {
            throw new AudioFormatException("malformed WAV " + source + ": block align " + blockAlign
                    + "; expected " + channels * encoding.bytesPerSample() + " for " + channels
                    + " channels of " + encoding);
        }
        return new WavFormat(channels, (int) sampleRate, blockAlign, encoding);
    }

    private static DecodedWav decodeData(ByteBuffer buffer, int body, int size, WavFormat format,
            String source) throws AudioFormatException {
        if (size % format.blockAlign() != 0) {
            throw new AudioFormatException("corrupt WAV " + source + ": 'data' chunk of " + size
                    + " bytes is not a whole number of " + format.blockAlign() + "-byte frames");
        }
        int frames = size / format.blockAlign();
        int channelCount = format.channels();
        float[][] channels = new float[channelCount][frames];
        int width = format.encoding().bytesPerSample();
        for (int frame = 0; frame < frames; frame++) {
            int offset = body + frame * format.blockAlign();
            for (int c = 0; c < channelCount; c++) {
                channels[c][frame] = sample(buffer, offset + c * width, format.encoding());
            }
        }
        WavInfo info = new WavInfo(channelCount, format.sampleRate(), format.encoding(), frames);
        return new DecodedWav(info, channels);
    }

    private static float sample(ByteBuffer buffer, int offset, WavEncoding encoding) {
        return switch (encoding) {
            case PCM_8 -> ((buffer.get(offset) & 0xFF) - 128) / 128f;
            case PCM_16 -> buffer.getShort(offset) / 32768f;
            case PCM_24 -> ((buffer.get(offset) & 0xFF) | (buffer.get(offset + 1) & 0xFF) << 8
                    | buffer.get(offset + 2) << 16) / 8388608f;
            case PCM_32 -> (float) (buffer.getInt(offset) / 2147483648.0);
            case FLOAT_32 -> buffer.getFloat(offset);
            case FLOAT_64 -> (float) buffer.getDouble(offset);
            case MULAW_8 -> G711Expansion.MULAW[buffer.get(offset) & 0xFF];
            case ALAW_8 -> G711Expansion.ALAW[buffer.get(offset) & 0xFF];
        };
    }

    /** Bytes of a file's header as text for a message: printable ASCII as it is, the rest as \xNN. */
    private static String printable(String bytes) {
        StringBuilder text = new StringBuilder();
        for (char c : bytes.toCharArray()) {
            text.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return text.toString();
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] id = new byte[4];
        buffer.get(offset, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }
}
