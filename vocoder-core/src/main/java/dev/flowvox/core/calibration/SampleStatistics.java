// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

/**
 * Statistics of a clip's sample values themselves, which no spectrum shows: how often loud samples
 * repeat (hard clipping, coarse quantization), how many bits of resolution the samples use, how
 * often a single sample jumps out of its neighbourhood (clicks), how loud the audio is around
 * runs of digital silence (dropouts) and what the samples average to (a DC offset).
 */
final class SampleStatistics {

    /** Samples at least this share of the clip's peak magnitude are loud. */
    static final double LOUD_SHARE_OF_PEAK = 0.25;
    /** Share of the non-zero samples whose common trailing zero bits set the resolution. */
    static final double RESOLUTION_QUANTILE = 0.99;
    /** Bits of a 16-bit PCM sample, the finest resolution counted. */
    static final int FULL_BITS = 16;
    /** A click's curvature exceeds its neighbourhood's RMS curvature this many times. */
    static final double CLICK_RATIO = 15;
    /** A click's curvature is at least this (-60 dBFS): steps of the last bits in quiet passages are not clicks. */
    static final double MIN_CLICK = 1e-3;
    /** The neighbourhood a click stands out of, seconds on each side. */
    static final double CLICK_NEIGHBOURHOOD_SECONDS = 0.005;
    /** Clicks closer than this are one click, seconds. */
    static final double CLICK_MERGE_SECONDS = 0.001;
    /** Runs of digital zeros at least this long can be dropouts, seconds. */
    static final double MIN_DROPOUT_SECONDS = 0.002;
    /** The audio measured on each side of a run of zeros, seconds. */
    static final double DROPOUT_EDGE_SECONDS = 0.005;
    /** The quietest dropout edge reported, dB below the clip's RMS: the value for a clip without one. */
    static final double DROPOUT_FLOOR_DB = -60;
    /** The smallest DC offset reported, dB below the clip's RMS: the value for a clip averaging to zero. */
    static final double DC_FLOOR_DB = -100;

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

    /**
     * Clicks per second: samples whose curvature {@code |x[n] − (x[n−1] + x[n+1]) / 2|} is at least
     * {@value #CLICK_RATIO} times the RMS curvature of the {@value #CLICK_NEIGHBOURHOOD_SECONDS} s on
     * each side (the sample and its two neighbours on each side left out), and at least
     * {@value #MIN_CLICK}; such samples within {@value #CLICK_MERGE_SECONDS} s count once. A click
     * or a digital glitch is one or two samples out of line; speech, even a plosive's burst, changes
     * its curvature over many samples, so normal speech has almost none.
     *
     * @param audio samples in [-1, 1]
     * @param sampleRate their rate, Hz
     * @return clicks per second, at least 0
     */
    static double clickRate(float[] audio, int sampleRate) {
        int n = audio.length;
        if (n < 3) {
            return 0;
        }
        double[] curvature = new double[n];
        double[] cumulative = new double[n + 1];
        for (int i = 0; i < n; i++) {
            curvature[i] = i == 0 || i == n - 1 ? 0 : Math.abs(audio[i] - 0.5 * (audio[i - 1] + audio[i + 1]));
            cumulative[i + 1] = cumulative[i] + curvature[i] * curvature[i];
        }
        int reach = Math.max(3, (int) Math.round(CLICK_NEIGHBOURHOOD_SECONDS * sampleRate));
        int merge = Math.max(1, (int) Math.round(CLICK_MERGE_SECONDS * sampleRate));
        int clicks = 0;
        int last = Integer.MIN_VALUE / 2;
        for (int i = 1; i < n - 1; i++) {
            if (curvature[i] < MIN_CLICK) {
                continue;
            }
            int from = Math.max(0, i - reach);
            int to = Math.min(n, i + reach + 1);
            int ownFrom = Math.max(0, i - 2);
            int ownTo = Math.min(n, i + 3);
            int count = (to - from) - (ownTo - ownFrom);
            double energy = cumulative[to] - cumulative[from] - (cumulative[ownTo] - cumulative[ownFrom]);
            double rms = Math.sqrt(Math.max(0, energy) / Math.max(1, count));
            if (curvature[i] > CLICK_RATIO * rms) {
                if (i - last > merge) {
                    clicks++;
                }
                last = i;
            }
        }
        return clicks / ((double) n / sampleRate);
    }

    /**
     * How loud the audio is around its loudest-edged dropout: over every run of exact zeros at least
     * {@value #MIN_DROPOUT_SECONDS} s long with audio on both sides, the RMS of the quieter of the
     * {@value #DROPOUT_EDGE_SECONDS} s before and after it, in dB relative to the clip's RMS; the
     * largest such value, at least {@value #DROPOUT_FLOOR_DB}. Recordings fall silent gradually
     * (their digital silence, where there is any, follows audio already quiet), so they stay near the
     * floor; a dropout cuts sound off in mid-word, and 8-bit quantization rounds quiet passages to
     * zero between louder samples.
     *
     * @param audio samples in [-1, 1]
     * @param sampleRate their rate, Hz
     * @return dB relative to the clip's RMS, at least {@value #DROPOUT_FLOOR_DB}
     */
    static double dropoutEdgeDb(float[] audio, int sampleRate) {
        double clipPower = meanSquare(audio, 0, audio.length);
        if (clipPower == 0) {
            return DROPOUT_FLOOR_DB;
        }
        int minRun = Math.max(1, (int) Math.round(MIN_DROPOUT_SECONDS * sampleRate));
        int edge = Math.max(1, (int) Math.round(DROPOUT_EDGE_SECONDS * sampleRate));
        double loudest = DROPOUT_FLOOR_DB;
        int i = 0;
        while (i < audio.length) {
            if (audio[i] != 0f) {
                i++;
                continue;
            }
            int end = i;
            while (end < audio.length && audio[end] == 0f) {
                end++;
            }
            if (i > 0 && end < audio.length && end - i >= minRun) {
                double quieter = Math.min(meanSquare(audio, Math.max(0, i - edge), i),
                        meanSquare(audio, end, Math.min(audio.length, end + edge)));
                loudest = Math.max(loudest, 10 * Math.log10(Math.max(quieter, Double.MIN_NORMAL) / clipPower));
            }
            i = end;
        }
        return loudest;
    }

    /**
     * The clip's DC offset: the magnitude of its mean sample in dB relative to the clip's RMS, from
     * {@value #DC_FLOOR_DB} to 0 (a constant). Sound is a change of pressure and averages to almost
     * nothing, and microphones and converters block what is left; a faulty converter or a missing
     * high-pass filter adds a constant to every sample. Relative to the RMS, like the dropout edge,
     * it does not depend on the clip's gain.
     *
     * @param audio samples in [-1, 1]
     * @return dB relative to the clip's RMS, at least {@value #DC_FLOOR_DB}; the floor for silence
     */
    static double dcOffsetDb(float[] audio) {
        double sum = 0;
        for (float sample : audio) {
            sum += sample;
        }
        double power = meanSquare(audio, 0, audio.length);
        if (power == 0) {
            return DC_FLOOR_DB;
        }
        double mean = Math.abs(sum / audio.length);
        return Math.max(DC_FLOOR_DB, 10 * Math.log10(Math.max(mean * mean / power, Double.MIN_NORMAL)));
    }

    /**
     * Mean square of a range of samples.
     *
     * @param audio samples
     * @param from first sample (inclusive)
     * @param to last sample (exclusive)
     * @return the mean of the squares; 0 for an empty range
     */
    static double meanSquare(float[] audio, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) audio[i] * audio[i];
        }
        return to > from ? sum / (to - from) : 0;
    }
}
