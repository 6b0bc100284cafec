// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.proto.codec;

/**
 * ITU-T G.711 companding of 16-bit linear PCM to 8-bit mu-law and A-law codes and back, as in the
 * reference implementation (Sun Microsystems' public-domain {@code g711.c}): mu-law works on 14-bit
 * magnitudes with bias 33, A-law on 13-bit magnitudes; both use 8 segments of 16 steps.
 */
final class G711 {

    private static final int MULAW_BIAS = 0x84;
    private static final int MULAW_CLIP = 8159;
    private static final int[] MULAW_SEGMENT_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {
    }

    /**
     * @param pcm linear sample in [-32768, 32767]
     * @return the mu-law code, 0..255
     */
    static int linearToMulaw(int pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        value = Math.min(value, MULAW_CLIP) + (MULAW_BIAS >> 2);
        int segment = segment(value, MULAW_SEGMENT_END);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        return ((segment << 4) | ((value >> (segment + 1)) & 0xF)) ^ mask;
    }

    /**
     * @param code mu-law code, 0..255
     * @return the linear sample in [-32124, 32124]
     */
    static int mulawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0xF) << 3) + MULAW_BIAS) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? MULAW_BIAS - t : t - MULAW_BIAS;
    }

    /**
     * @param pcm linear sample in [-32768, 32767]
     * @return the A-law code, 0..255
     */
    static int linearToAlaw(int pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = segment(value, ALAW_SEGMENT_END);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0xF : (value >> segment) & 0xF;
        return code ^ mask;
    }

    /**
     * @param code A-law code, 0..255
     * @return the linear sample in [-32256, 32256]
     */
    static int alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0xF) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
