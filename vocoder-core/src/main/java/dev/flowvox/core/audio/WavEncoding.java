// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.util.ArrayList;
import java.util.List;

/** The sample encodings of a WAV {@code data} chunk that this project reads. */
public enum WavEncoding {
    /** Unsigned 8-bit integer PCM, 128 is silence; maps by (x - 128) / 128. */
    PCM_8(WavEncoding.FORMAT_PCM, 8),
    /** Signed 16-bit integer PCM; maps by x / 32768. */
    PCM_16(WavEncoding.FORMAT_PCM, 16),
    /** Signed 24-bit integer PCM; maps by x / 2^23. */
    PCM_24(WavEncoding.FORMAT_PCM, 24),
    /** Signed 32-bit integer PCM; maps by x / 2^31. */
    PCM_32(WavEncoding.FORMAT_PCM, 32),
    /** IEEE 754 binary32, taken as is. */
    FLOAT_32(WavEncoding.FORMAT_IEEE_FLOAT, 32),
    /** IEEE 754 binary64, narrowed to float. */
    FLOAT_64(WavEncoding.FORMAT_IEEE_FLOAT, 64),
    /** G.711 µ-law (telephony), 8 bits; expanded to 16-bit linear, then maps by x / 32768. */
    MULAW_8(WavEncoding.FORMAT_MULAW, 8),
    /** G.711 A-law (telephony), 8 bits; expanded to 16-bit linear, then maps by x / 32768. */
    ALAW_8(WavEncoding.FORMAT_ALAW, 8);

    /** {@code WAVE_FORMAT_PCM}. */
    static final int FORMAT_PCM = 0x0001;
    /** {@code WAVE_FORMAT_IEEE_FLOAT}. */
    static final int FORMAT_IEEE_FLOAT = 0x0003;
    /** {@code WAVE_FORMAT_ALAW}. */
    static final int FORMAT_ALAW = 0x0006;
    /** {@code WAVE_FORMAT_MULAW}. */
    static final int FORMAT_MULAW = 0x0007;
    /** {@code WAVE_FORMAT_EXTENSIBLE}: the real format tag is in the sub-format GUID. */
    static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private final int formatTag;
    private final int bitsPerSample;

    WavEncoding(int formatTag, int bitsPerSample) {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    /** @return the {@code fmt } chunk format tag: 1 for PCM, 3 for IEEE float, 6 for A-law, 7 for µ-law */
    public int formatTag() {
        return formatTag;
    }

    /** @return bits per sample of one channel */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** @return bytes per sample of one channel */
    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /**
     * @param formatTag 1 (PCM), 3 (IEEE float), 6 (A-law) or 7 (µ-law)
     * @param bitsPerSample the container size in bits
     * @return the matching encoding, or null if there is none
     */
    static WavEncoding of(int formatTag, int bitsPerSample) {
        for (WavEncoding encoding : values()) {
            if (encoding.formatTag == formatTag && encoding.bitsPerSample == bitsPerSample) {
                return encoding;
            }
        }
        return null;
    }

    /**
     * @param formatTag a {@code fmt } chunk format tag
     * @return the sample widths this project reads for it, e.g. "8, 16, 24 or 32"; empty if none
     */
    static String widths(int formatTag) {
        List<String> bits = new ArrayList<>();
        for (WavEncoding encoding : values()) {
            if (encoding.formatTag == formatTag) {
                bits.add(Integer.toString(encoding.bitsPerSample));
            }
        }
        if (bits.size() < 2) {
            return String.join("", bits);
        }
        return String.join(", ", bits.subList(0, bits.size() - 1)) + " or " + bits.get(bits.size() - 1);
    }
}
