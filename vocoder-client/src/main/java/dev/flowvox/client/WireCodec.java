// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.MelSpectrogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between Java arrays and the packed bytes of {@code flowvox.v1}: mel spectrograms as
 * frame-major float32 little-endian (band {@code b} of frame {@code t} at byte {@code 4·(t·n_mel +
 * b)}), audio as PCM16 (x · 32768, clipped), FLOAT32, or G.711 µ-law / A-law (decode only: the
 * server produces them, clients never send them).
 */
public final class WireCodec {

    private static final int MULAW_BIAS = 0x84;

    private WireCodec() {
    }

    /**
     * Packs frames {@code [from, to)} of a mel spectrogram.
     *
     * @param mel {@code [n_mel][frames]}, natural-log magnitudes
     * @param from first frame (inclusive)
     * @param to end frame (exclusive), {@code from < to <= frames}
     * @return the message, {@code 4 · n_mel · (to − from)} bytes of data
     */
    public static MelSpectrogram encodeMel(float[][] mel, int from, int to) {
        if (mel.length == 0) {
            throw new IllegalArgumentException("mel has no bands; expected [n_mel][frames]");
        }
        int frames = mel[0].length;
        if (from < 0 || to <= from || to > frames) {
            throw new IllegalArgumentException("frame range [" + from + ", " + to + ") of a mel with " + frames
                    + " frames; expected 0 <= from < to <= " + frames);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * mel.length * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = from; t < to; t++) {
            for (int band = 0; band < mel.length; band++) {
                if (mel[band].length != frames) {
                    throw new IllegalArgumentException("mel band " + band + " has " + mel[band].length
                            + " frames; band 0 has " + frames);
                }
                data.putFloat(mel[band][t]);
            }
        }
        return MelSpectrogram.newBuilder().setNMel(mel.length).setData(ByteString.copyFrom(data.array())).build();
    }

    /**
     * Packs a whole mel spectrogram.
     *
     * @param mel {@code [n_mel][frames]}
     * @return the message
     */
    public static MelSpectrogram encodeMel(float[][] mel) {
        return encodeMel(mel, 0, mel.length == 0 ? 0 : mel[0].length);
    }

    /**
     * Unpacks a mel spectrogram.
     *
     * @param message the message
     * @return {@code [n_mel][frames]}
     */
    public static float[][] decodeMel(MelSpectrogram message) {
        int nMel = message.getNMel();
        int bytes = message.getData().size();
        if (nMel == 0 || bytes % (4 * nMel) != 0) {
            throw new IllegalArgumentException("mel of " + bytes + " bytes with n_mel " + nMel
                    + "; expected a multiple of 4 * n_mel bytes and n_mel >= 1");
        }
        int frames = bytes / (4 * nMel);
        ByteBuffer data = message.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[][] mel = new float[nMel][frames];
        for (int t = 0; t < frames; t++) {
            for (int band = 0; band < nMel; band++) {
                mel[band][t] = data.getFloat();
            }
        }
        return mel;
    }

    /**
     * Bytes per sample of an encoding.
     *
     * @param encoding PCM16, FLOAT32, MULAW or ALAW
     * @return 2, 4, 1 or 1
     */
    public static int bytesPerSample(AudioEncoding encoding) {
        return switch (encoding) {
            case PCM16 -> 2;
            case FLOAT32 -> 4;
            case MULAW, ALAW -> 1;
            default -> throw new IllegalArgumentException("audio encoding " + encoding
                    + "; expected PCM16, FLOAT32, MULAW or ALAW");
        };
    }

    /**
     * Decodes packed audio to floats (PCM16 and G.711 divided by 32768).
     *
     * @param data packed samples, a whole number of samples
     * @param encoding their encoding
     * @return the samples, nominally in [-1, 1]
     */
    public static float[] decodeAudio(ByteString data, AudioEncoding encoding) {
        int width = bytesPerSample(encoding);
        if (data.size() % width != 0) {
            throw new IllegalArgumentException(data.size() + " bytes of " + encoding + " audio; expected a multiple of "
                    + width);
        }
        ByteBuffer in = data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[data.size() / width];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = switch (encoding) {
                case PCM16 -> in.getShort() / 32768f;
                case FLOAT32 -> in.getFloat();
                case MULAW -> mulawToLinear(in.get() & 0xFF) / 32768f;
                default -> alawToLinear(in.get() & 0xFF) / 32768f;
            };
        }
        return samples;
    }

    /**
     * Encodes floats as PCM16 ({@code round(x · 32768)} clipped to [-32768, 32767]) or FLOAT32.
     *
     * @param samples the samples
     * @param encoding PCM16 or FLOAT32
     * @return the packed bytes
     */
    public static ByteString encodeAudio(float[] samples, AudioEncoding encoding) {
        if (encoding != AudioEncoding.PCM16 && encoding != AudioEncoding.FLOAT32) {
            throw new IllegalArgumentException("cannot encode " + encoding + " audio; expected PCM16 or FLOAT32");
        }
        ByteBuffer out = ByteBuffer.allocate(samples.length * bytesPerSample(encoding)).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : samples) {
            if (encoding == AudioEncoding.PCM16) {
                out.putShort(toPcm16(x));
            } else {
                out.putFloat(x);
            }
        }
        return ByteString.copyFrom(out.array());
    }

    /**
     * One sample as 16-bit PCM.
     *
     * @param x the sample, nominally in [-1, 1]
     * @return {@code round(x · 32768)} clipped to [-32768, 32767]
     */
    public static short toPcm16(float x) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0)));
    }

    /** G.711 µ-law code (0..255) to a linear 16-bit sample in [-32124, 32124]. */
    static int mulawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x7;
        int magnitude = (((u & 0x0F) << 3) + MULAW_BIAS) << exponent;
        return (u & 0x80) != 0 ? MULAW_BIAS - magnitude : magnitude - MULAW_BIAS;
    }

    /** G.711 A-law code (0..255) to a linear 16-bit sample in [-32256, 32256]. */
    static int alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x7;
        int mantissa = (a & 0x0F) << 4;
        int magnitude = exponent == 0 ? mantissa + 8 : (mantissa + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
