// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.proto.codec;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.AudioEncoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs float audio into the wire encodings of {@link AudioEncoding} and unpacks it, little-endian.
 * Floats map to 16-bit PCM as {@code round(x · 32768)} clipped to [-32768, 32767] and back by
 * {@code / 32768} (the project's convention); µ-law and A-law go through that 16-bit value
 * ({@link G711}).
 */
public final class AudioCodec {

    private AudioCodec() {
    }

    /**
     * Bytes per sample of an encoding.
     *
     * @param encoding PCM16, FLOAT32, MULAW or ALAW
     * @return 2, 4, 1 or 1
     * @throws IllegalArgumentException for UNSPECIFIED or an unknown value
     */
    public static int bytesPerSample(AudioEncoding encoding) {
        return switch (encoding) {
            case PCM16 -> 2;
            case FLOAT32 -> 4;
            case MULAW, ALAW -> 1;
            default -> throw new IllegalArgumentException("audio encoding " + encoding
                    + " is not supported; expected PCM16, FLOAT32, MULAW or ALAW");
        };
    }

    /**
     * Encodes samples.
     *
     * @param samples audio, nominally in [-1, 1]
     * @param encoding the wire encoding (not UNSPECIFIED)
     * @return {@code samples.length · bytesPerSample(encoding)} bytes
     */
    public static ByteString encode(float[] samples, AudioEncoding encoding) {
        ByteBuffer out = ByteBuffer.allocate(samples.length * bytesPerSample(encoding)).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : samples) {
            switch (encoding) {
                case PCM16 -> out.putShort(toPcm16(sample));
                case FLOAT32 -> out.putFloat(sample);
                case MULAW -> out.put((byte) G711.linearToMulaw(toPcm16(sample)));
                default -> out.put((byte) G711.linearToAlaw(toPcm16(sample)));
            }
        }
        return ByteString.copyFrom(out.array());
    }

    /**
     * Decodes samples.
     *
     * @param data packed samples
     * @param encoding their encoding
     * @return the samples as floats, nominally in [-1, 1]
     * @throws IllegalArgumentException for an unsupported encoding, a length that is not a whole
     *     number of samples, or a non-finite float
     */
    public static float[] decode(ByteString data, AudioEncoding encoding) {
        int width = bytesPerSample(encoding);
        if (data.size() % width != 0) {
            throw new IllegalArgumentException("audio of " + data.size() + " bytes is not a whole number of " + encoding
                    + " samples (" + width + " bytes each)");
        }
        ByteBuffer in = data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[data.size() / width];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = switch (encoding) {
                case PCM16 -> in.getShort() / 32768f;
                case FLOAT32 -> in.getFloat();
                case MULAW -> G711.mulawToLinear(in.get() & 0xFF) / 32768f;
                default -> G711.alawToLinear(in.get() & 0xFF) / 32768f;
            };
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("audio sample " + i + " is " + samples[i] + "; expected a finite value");
            }
        }
        return samples;
    }

    /**
     * One sample as 16-bit PCM.
     *
     * @param sample the sample, nominally in [-1, 1]
     * @return {@code round(x · 32768)} clipped to [-32768, 32767]
     */
    public static short toPcm16(float sample) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(sample * 32768.0)));
    }
}
