// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

/**
 * Statistics of a clip's sample values themselves, which no spectrum shows: how often loud samples
 * repeat (hard clipping, coarse quantization) and how many bits of resolution the samples use.
 */
final class SampleStatistics {

    /** Samples at least this share of the clip's peak magnitude are loud. */
    static final double LOUD_SHARE_OF_PEAK = 0.25;
    /** Share of the non-zero samples whose common trailing zero bits set the resolution. */
    static final double RESOLUTION_QUANTILE = 0.99;
    /** Bits of a 16-bit PCM sample, the finest resolution counted. */
    static final int FULL_BITS = 16;

    private SampleStatistics() {
    }

    /**
     * Share of the loud samples that equal a neighbouring sample. Audio sampled at 16 bits almost
     * never repeats a loud value (near a peak of a 200 Hz tone at half scale, consecutive samples
     * still differ by about 26 steps); hard clipping holds it at the rail, and coarse quantization
     * rounds neighbours together.
     *
     * @param audio samples in [-1, 1]
     * @return in [0, 1]; 0 for silence
     */
    static double flatTopShare(float[] audio) {
        float peak = 0;
        for (float sample : audio) {
            peak = Math.max(peak, Math.abs(sample));
        }
        if (peak == 0) {
            return 0;
        }
        double loud = LOUD_SHARE_OF_PEAK * peak;
        int count = 0;
        int flat = 0;
        for (int i = 0; i < audio.length; i++) {
            if (Math.abs(audio[i]) < loud) {
                continue;
            }
            count++;
            if ((i > 0 && audio[i - 1] == audio[i]) || (i + 1 < audio.length && audio[i + 1] == audio[i])) {
                flat++;
            }
        }
        return (double) flat / count;
    }

    /**
     * Bits of resolution the samples use: {@value #FULL_BITS} minus the trailing zero bits that
     * {@value #RESOLUTION_QUANTILE} of the non-zero samples share as 16-bit integers
     * ({@code round(x · 32768)}). 16 for audio recorded at 16 bits or finer (finer values round to
     * arbitrary 16-bit ones), 8 for audio that went through 8 bits. A gain or a resampling applied
     * after the quantization hides it.
     *
     * @param audio samples in [-1, 1]
     * @return 1 to 16; 16 for silence
     */
    static int resolutionBits(float[] audio) {
        int nonZero = 0;
        int[] divisible = new int[FULL_BITS];
        for (float sample : audio) {
            int value = Math.round(Math.max(-1f, Math.min(1f, sample)) * 32768);
            if (value == 0) {
                continue;
            }
            nonZero++;
            int zeros = Math.min(FULL_BITS - 1, Integer.numberOfTrailingZeros(value));
            for (int k = 1; k <= zeros; k++) {
                divisible[k]++;
            }
        }
        int shared = 0;
        while (shared + 1 < FULL_BITS && divisible[shared + 1] >= RESOLUTION_QUANTILE * nonZero && nonZero > 0) {
            shared++;
        }
        return FULL_BITS - shared;
    }
}
