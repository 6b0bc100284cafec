// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelFilterbank;

import java.util.Arrays;

/**
 * One clip prepared for the {@link ClipFeature} statistics: its samples, its log-mel and which
 * frames are active.
 */
final class ClipSignal {

    private static final double MIN_ECHO_SECONDS = 0.06;
    private static final double MAX_ECHO_SECONDS = 0.47;
    private static final double MID_LOW_HZ = 750;
    private static final double MID_HIGH_HZ = 1700;
    private static final double HIGH_FRACTION_OF_FMAX = 2.0 / 3;
    private static final double DB_PER_NAT = 20 / Math.log(10);
    private static final double TINY = 1e-12;
    private static final double SPREAD_LOW_QUANTILE = 0.05;
    private static final double SPREAD_HIGH_QUANTILE = 0.9;
    private static final int MEL_BANDS_PER_GROUP = 8;
    private static final double MIN_SPREAD_DB = 0.01;
    private static final double MAX_SPREAD_DB = 60;

    private final float[] audio;
    private final float[][] logMel;
    private final MelConfig mel;
    private final int frames;
    private final boolean[] active;

    ClipSignal(float[] audio, float[][] logMel, MelConfig mel) {
        this.audio = audio;
        this.logMel = logMel;
        this.mel = mel;
        this.frames = logMel[0].length;
        double[] loudness = new double[frames];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (float[] band : logMel) {
                sum += Math.exp(band[t]);
            }
            loudness[t] = Math.log(sum / logMel.length);
        }
        double loudest = Arrays.stream(loudness).max().orElse(0);
        this.active = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            active[t] = loudness[t] > loudest - ClipFeature.ACTIVE_RANGE_NATS;
        }
    }

    double flatTopShare() {
        return SampleStatistics.flatTopShare(audio);
    }

    double resolutionBits() {
        return SampleStatistics.resolutionBits(audio);
    }

    double clickRate() {
        return SampleStatistics.clickRate(audio, mel.sampleRate());
    }

    double dropoutEdgeDb() {
        return SampleStatistics.dropoutEdgeDb(audio, mel.sampleRate());
    }

    double dcOffsetDb() {
        return SampleStatistics.dcOffsetDb(audio);
    }

    double logLevelSpread() {
        int groups = Math.max(1, logMel.length / MEL_BANDS_PER_GROUP);
        double[] spreads = new double[groups];
        for (int g = 0; g < groups; g++) {
            int from = g * logMel.length / groups;
            int to = (g + 1) * logMel.length / groups;
            double[] power = new double[frames];
            for (int b = from; b < to; b++) {
                for (int t = 0; t < frames; t++) {
                    power[t] += Math.exp(2 * logMel[b][t]);
                }
            }
            double[] levels = new double[frames];
            for (int t = 0; t < frames; t++) {
                int first = Math.max(0, t - 1);
                int last = Math.min(frames - 1, t + 1);
                double sum = 0;
                for (int u = first; u <= last; u++) {
                    sum += power[u];
                }
                levels[t] = 10 * Math.log10(sum / (last - first + 1));
            }
            Arrays.sort(levels);
            spreads[g] = Calibrator.quantile(levels, SPREAD_HIGH_QUANTILE)
                    - Calibrator.quantile(levels, SPREAD_LOW_QUANTILE);
        }
        return Math.log(Math.max(MIN_SPREAD_DB, Math.min(MAX_SPREAD_DB, median(spreads, groups))));
    }

    double onsetSkewness() {
        double sum = 0;
        for (float[] band : logMel) {
            double[] changes = new double[frames - 1];
            int count = 0;
            for (int t = 0; t + 1 < frames; t++) {
                if (active[t] || active[t + 1]) {
                    changes[count++] = band[t + 1] - band[t];
                }
            }
            sum += skewness(changes, count);
        }
        return sum / logMel.length;
    }

    double echoCorrelation() {
        int changes = frames - 1;
        double[][] centred = new double[logMel.length][changes];
        for (int b = 0; b < logMel.length; b++) {
            double mean = 0;
            for (int t = 0; t < changes; t++) {
                centred[b][t] = logMel[b][t + 1] - logMel[b][t];
                mean += centred[b][t];
            }
            mean /= changes;
            for (int t = 0; t < changes; t++) {
                centred[b][t] -= mean;
            }
        }
        double framesPerSecond = (double) mel.sampleRate() / mel.hopLength();
        int minLag = Math.max(1, (int) Math.round(MIN_ECHO_SECONDS * framesPerSecond));
        int maxLag = Math.min((int) Math.round(MAX_ECHO_SECONDS * framesPerSecond), changes / 2);
        double best = 0;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double sum = 0;
            for (double[] band : centred) {
                double product = 0;
                double early = 0;
                double late = 0;
                for (int t = 0; t + lag < changes; t++) {
                    product += band[t] * band[t + lag];
                    early += band[t] * band[t];
                    late += band[t + lag] * band[t + lag];
                }
                sum += product / (Math.sqrt(early * late) + TINY);
            }
            best = Math.max(best, sum / centred.length);
        }
        return best;
    }

    double highBandDb() {
        double[] edges = MelFilterbank.edgesHz(mel);
        int bands = logMel.length;
        boolean[] high = new boolean[bands];
        boolean[] middle = new boolean[bands];
        int highCount = 0;
        int middleCount = 0;
        for (int b = 0; b < bands; b++) {
            double centre = edges[b + 1];
            high[b] = centre >= HIGH_FRACTION_OF_FMAX * mel.fMax();
            middle[b] = centre >= MID_LOW_HZ && centre <= MID_HIGH_HZ;
            highCount += high[b] ? 1 : 0;
            middleCount += middle[b] ? 1 : 0;
        }
        if (highCount == 0 || middleCount == 0) {
            return 0;
        }
        double[] differences = new double[frames];
        int count = 0;
        for (int t = 0; t < frames; t++) {
            if (!active[t]) {
                continue;
            }
            double highSum = 0;
            double middleSum = 0;
            for (int b = 0; b < bands; b++) {
                highSum += high[b] ? logMel[b][t] : 0;
                middleSum += middle[b] ? logMel[b][t] : 0;
            }
            differences[count++] = highSum / highCount - middleSum / middleCount;
        }
        return DB_PER_NAT * median(differences, count);
    }

    private static double skewness(double[] values, int count) {
        if (count < 3) {
            return 0;
        }
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += values[i];
        }
        mean /= count;
        double second = 0;
        double third = 0;
        for (int i = 0; i < count; i++) {
            double d = values[i] - mean;
            second += d * d;
            third += d * d * d;
        }
        second /= count;
        third /= count;
        return second < TINY ? 0 : third / Math.pow(second, 1.5);
    }

    private static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
