// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.dsp.MelConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Statistics of a whole clip that a calibration can bound besides the per-segment flow features.
 * The flow scores audio <em>given its own mel</em>, so it cannot see an anomaly that keeps audio and
 * mel consistent: speech played backwards, an echo or a missing top band are all faithfully
 * recorded in the mel. The first four statistics look at the mel itself and none depends on the
 * clip's gain (until its quietest bands reach the mel's floor); the last five look at the sample
 * values, which hard clipping, coarse quantization, clicks, dropouts and a DC offset change in ways
 * the flow, which explains a clip given its own mel, sees only in part.
 *
 * <p>"Active" frames are those within {@value #ACTIVE_RANGE_NATS} nats (52 dB) of the clip's loudest
 * frame, where loudness is the log of the frame's mean mel magnitude; "changes" are the differences
 * of log-mel between consecutive frames.
 *
 * <p>Each statistic needs a clip of at least its {@link #minSeconds}: the onset skewness and the echo
 * correlation follow changes over several syllables and need a second; the others are measured on
 * a single word from half a second on, so that short utterances ("yes", "okay") are checked too.
 */
public enum ClipFeature {

    /**
     * Skewness of the changes over active frames, averaged over mel bands. Speech starts sounds
     * abruptly and lets them decay slowly, so it is positive; played backwards it turns negative.
     */
    ONSET_SKEWNESS("onset_skewness", 0, 1.0, Bounds.Side.BOTH, ClipSignal::onsetSkewness),
    /**
     * The highest correlation, averaged over mel bands, between the changes and the same changes
     * delayed by 60 to 470 ms. An echo repeats every onset after its delay.
     */
    ECHO_CORRELATION("echo_correlation", 0, 1.0, Bounds.Side.BOTH, ClipSignal::echoCorrelation),
    /**
     * Median over active frames of the mean level of the bands centred above two thirds of the mel's
     * top frequency, relative to the bands centred at 750–1700 Hz, dB. Low for band-limited audio.
     */
    HIGH_BAND_DB("high_band_db", 0, 0.5, Bounds.Side.BOTH, ClipSignal::highBandDb),
    /**
     * How much the level varies over the clip in each part of the spectrum: the mel bands are summed
     * in groups of eight (ten groups of the 80-band mel), each group's power averaged over three
     * frames and taken in dB, and the natural log of the median over the groups of their 90th minus
     * 5th percentile level (dB, at most 60, so that digital silence at the mel's floor does not make
     * it depend on the gain). Speech comes and goes in syllables and pauses, 20–60 dB in every part
     * of the spectrum; steady noise or a tone hardly varies (noise about 3 dB, the estimate's own
     * scatter, whatever its spectrum). The log makes the margin a ratio: a tenth of speech's spread
     * is as far below it for a quiet studio as for a noisy one. Its scale is at least 0.1.
     */
    LOG_LEVEL_SPREAD("log_level_spread", 0.1, 0.5, Bounds.Side.BOTH, ClipSignal::logLevelSpread),
    /**
     * Share of the loud samples (at least a quarter of the clip's peak) that equal a neighbouring
     * sample: flat tops. About 0.001 for speech sampled at 16 bits; hard clipping and 8-bit
     * quantization raise it to a tenth or more. Its scale is at least 0.02.
     */
    FLAT_TOP_SHARE("flat_top_share", 0.02, 0.5, Bounds.Side.HIGH, ClipSignal::flatTopShare),
    /**
     * Bits of resolution the samples use, 16 at most: 8 for audio that went through 8 bits. Its
     * scale is at least one bit, so a margin counts bits lost.
     */
    RESOLUTION_BITS("resolution_bits", 1, 0.5, Bounds.Side.LOW, ClipSignal::resolutionBits),
    /**
     * Clicks per second: single samples out of line with their neighbourhood's curvature (details in
     * the sample statistics). Normal speech has almost none; a click train has one per click. Its
     * scale is at least one click per second.
     */
    CLICK_RATE("click_rate", 1, 0.5, Bounds.Side.HIGH, ClipSignal::clickRate),
    /**
     * How loud the audio is right around its loudest-edged run of digital zeros, dB relative to the
     * clip's RMS, at least -60 (also the value without any run). Recordings reach digital silence
     * from quiet audio; a dropout cuts sound off mid-word. Its scale is at least 5 dB.
     */
    DROPOUT_EDGE_DB("dropout_edge_db", 5, 0.5, Bounds.Side.HIGH, ClipSignal::dropoutEdgeDb),
    /**
     * The clip's DC offset: the magnitude of its mean sample in dB relative to the clip's RMS, at least
     * -100. Speech averages to almost nothing; a faulty converter or a missing high-pass filter adds a
     * constant. Its scale is at least 1 dB.
     */
    DC_OFFSET_DB("dc_offset_db", 1, 0.5, Bounds.Side.HIGH, ClipSignal::dcOffsetDb);

    /** Frames this close to the loudest frame (nats of mel magnitude) are active. */
    static final double ACTIVE_RANGE_NATS = 6.0;

    private final String featureName;
    private final double minScale;
    private final double minSeconds;
    private final Bounds.Side side;
    private final ToDoubleFunction<ClipSignal> statistic;

    ClipFeature(String featureName, double minScale, double minSeconds, Bounds.Side side,
            ToDoubleFunction<ClipSignal> statistic) {
        this.featureName = featureName;
        this.minScale = minScale;
        this.minSeconds = minSeconds;
        this.side = side;
        this.statistic = statistic;
    }

    /** The name calibrations and the wire format use. */
    public String featureName() {
        return featureName;
    }

    /**
     * The smallest scale a calibration gives the statistic's bounds, and half their smallest width
     * (statistic units; 0 for none beyond {@link Calibrator}'s floor): normal speech may give every
     * calibration clip the same value (16 bits of resolution, almost no flat tops), and a margin must
     * still be measured in a unit that means something.
     */
    public double minScale() {
        return minScale;
    }

    /** The shortest clip the statistic is measured on (seconds); shorter clips do not have it. */
    public double minSeconds() {
        return minSeconds;
    }

    /**
     * The side of its bounds the statistic is anomalous on: high for the click rate, the flat-top
     * share, the dropout edge and the DC offset, whose normal value is their floor; low for the
     * resolution, whose normal value is its ceiling; both for the statistics of the mel.
     */
    public Bounds.Side side() {
        return side;
    }

    /**
     * The side a bounded statistic is anomalous on, by name.
     *
     * @param name a statistic's name
     * @return its {@link #side} if it is a clip feature, both sides for another method's statistic
     */
    public static Bounds.Side sideOf(String name) {
        return find(name).map(ClipFeature::side).orElse(Bounds.Side.BOTH);
    }

    /**
     * Every statistic of a clip, in declaration order.
     *
     * @param audio the clip's samples in [-1, 1], as scored
     * @param logMel the clip's log-mel, {@code [n_mel][frames]}
     * @param mel the mel's settings
     * @return one value per feature: NaN for a statistic whose {@link #minSeconds} the clip is shorter than
     */
    public static double[] measure(float[] audio, float[][] logMel, MelConfig mel) {
        if (logMel.length != mel.nMels()) {
            throw new IllegalArgumentException("mel has " + logMel.length + " bands; expected " + mel.nMels());
        }
        double seconds = (double) audio.length / mel.sampleRate();
        double[] values = new double[values().length];
        Arrays.fill(values, Double.NaN);
        ClipSignal clip = null;
        for (ClipFeature feature : values()) {
            if (seconds >= feature.minSeconds) {
                clip = clip == null ? new ClipSignal(audio, logMel, mel) : clip;
                values[feature.ordinal()] = feature.statistic.applyAsDouble(clip);
            }
        }
        return values;
    }

    /** The names of every feature, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ClipFeature::featureName).toList();
    }

    /**
     * Checks that a name is a clip feature.
     *
     * @param name e.g. {@code onset_skewness}
     * @return the feature
     * @throws IllegalArgumentException for any other name
     */
    public static ClipFeature named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown clip feature '" + name
                + "'; expected one of " + names()));
    }

    /**
     * The clip feature of a name, if it is one (another method may bound statistics of its own).
     *
     * @param name e.g. {@code onset_skewness}
     * @return the feature, or empty for any other name
     */
    public static Optional<ClipFeature> find(String name) {
        return Arrays.stream(values()).filter(feature -> feature.featureName.equals(name)).findFirst();
    }
}
