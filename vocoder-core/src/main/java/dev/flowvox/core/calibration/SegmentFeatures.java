// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.score.LikelihoodScore;

import java.util.ArrayList;
import java.util.List;

/**
 * What a calibration looks at in one time segment: its loudness and the values of the named features
 * (for the flow: {@link FlowFeature}).
 *
 * @param startSample first sample (inclusive)
 * @param endSample last sample (exclusive)
 * @param levelDb loudness, RMS in dB relative to full scale ({@code 10·log10(mean x²)}, at least
 *     {@link #SILENCE_DB})
 * @param values feature values in the order of the calibration's feature names
 */
public record SegmentFeatures(long startSample, long endSample, double levelDb, double[] values) {

    /** Level of digital silence, dBFS: the floor of {@link #levelDb}. */
    public static final double SILENCE_DB = -100;
    /** Names of every flow feature ({@link FlowFeature}), in order; new calibrations bound them all. */
    public static final List<String> FLOW_FEATURES = FlowFeature.names();

    /** Validates the range and the values. */
    public SegmentFeatures {
        if (startSample < 0 || endSample <= startSample) {
            throw new IllegalArgumentException("segment [" + startSample + ", " + endSample + "); expected 0 <= start < end");
        }
        if (!Double.isFinite(levelDb)) {
            throw new IllegalArgumentException("segment level " + levelDb + " dB; expected a finite value");
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + i + " of segment [" + startSample + ", " + endSample
                        + ") is " + values[i] + "; expected a finite value");
            }
        }
    }

    /** Samples in the segment. */
    public long length() {
        return endSample - startSample;
    }

    /**
     * Every flow feature ({@link #FLOW_FEATURES}) of every segment of a scored clip.
     *
     * @param score the clip's score
     * @param audio the scored samples (at least {@code score.samples()})
     * @param segmentSamples samples per segment, rounded to whole groups as {@link LikelihoodScore#segments}
     *     does
     * @return one entry per segment, in time order; the last may be shorter
     */
    public static List<SegmentFeatures> ofScore(LikelihoodScore score, float[] audio, int segmentSamples) {
        return ofScore(score, audio, segmentSamples, FLOW_FEATURES);
    }

    /**
     * The named flow features of every segment of a scored clip, e.g. those a calibration bounds.
     *
     * @param score the clip's score
     * @param audio the scored samples (at least {@code score.samples()})
     * @param segmentSamples samples per segment, rounded to whole groups as {@link LikelihoodScore#segments}
     *     does
     * @param featureNames names of {@link FlowFeature}s, in the order wanted
     * @return one entry per segment, in time order; the last may be shorter
     * @throws IllegalArgumentException for a name that is not a flow feature
     */
    public static List<SegmentFeatures> ofScore(LikelihoodScore score, float[] audio, int segmentSamples,
            List<String> featureNames) {
        if (audio.length < score.samples()) {
            throw new IllegalArgumentException("audio has " + audio.length + " samples but the score covers "
                    + score.samples());
        }
        List<FlowFeature> wanted = featureNames.stream().map(FlowFeature::named).toList();
        List<SegmentFeatures> features = new ArrayList<>();
        for (LikelihoodScore.Segment segment : score.segments(segmentSamples)) {
            double[] values = new double[wanted.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = wanted.get(f).of(segment);
            }
            features.add(new SegmentFeatures(segment.startSample(), segment.endSample(),
                    levelDb(audio, (int) segment.startSample(), (int) segment.endSample()), values));
        }
        return features;
    }

    /**
     * Loudness of a range of samples.
     *
     * @param audio samples in [-1, 1]
     * @param from first sample (inclusive)
     * @param to last sample (exclusive), {@code > from}
     * @return RMS in dBFS, at least {@link #SILENCE_DB}
     */
    public static double levelDb(float[] audio, int from, int to) {
        return Math.max(SILENCE_DB, 10 * Math.log10(SampleStatistics.meanSquare(audio, from, to)));
    }
}
