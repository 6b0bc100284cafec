// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

class CalibrationTest {

    /** The two summary features of the flow; the calibration itself is indifferent to what they mean. */
    private static final List<String> FEATURES = List.of("nats_per_sample", "latent_energy");

    @TempDir
    Path dir;

    /**
     * Synthetic "speech": nats/sample falls 0.1 per dB of loudness (quiet is likely), latent energy
     * about 1. Bounds must follow loudness, so a quiet segment with a loud segment's likelihood is
     * flagged low, and a loud segment with a quiet segment's likelihood is flagged high.
     */
    @Test
    void boundsFollowLoudnessAndFlagBothSides() {
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(clips(200, 7), FEATURES, List.of(), "synthetic", 400);
        assertEquals(4, calibration.bands().size());
        LevelBand quiet = calibration.band(-55);
        LevelBand loud = calibration.band(-15);
        assertTrue(quiet.features().get(0).lower() > loud.features().get(0).upper(),
                "quiet band " + quiet + " should lie above loud band " + loud);
        assertEquals(0.01, calibration.provenance().falsePositiveRate(), 0.006);
        Verdict normal = judge(calibration, segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        assertFalse(normal.anomalous(), "normal verdict " + normal.score());
        Verdict tooUnlikely = judge(calibration, segment(0, -50, 2.0, 1.0));
        assertTrue(tooUnlikely.anomalous());
        assertEquals("nats_per_sample_low", tooUnlikely.worst().deviationName(calibration.featureNames()));
        Verdict tooLikely = judge(calibration, segment(0, -20, 5.0, 1.0), segment(1, -20, 2.0, 1.0));
        assertTrue(tooLikely.anomalous());
        assertEquals(List.of(0), tooLikely.anomalousSegments());
        assertEquals("nats_per_sample_high", tooLikely.worst().deviationName(calibration.featureNames()));
        Verdict silent = judge(calibration, segment(0, SegmentFeatures.SILENCE_DB, 5.0, 1.0));
        assertEquals("level_low", silent.worst().deviationName(calibration.featureNames()));
        assertTrue(silent.anomalous());
        Verdict hot = judge(calibration, segment(0, -40, 4.0, 3.0));
        assertEquals("latent_energy_high", hot.worst().deviationName(calibration.featureNames()));
    }

    /**
     * A pause far quieter than any calibration segment (a clean studio's silence) says nothing about
     * the clip while the clip has sound, whatever its features; alone, it is silence and flagged.
     */
    @Test
    void pausesQuieterThanTheCalibrationAreLeftOutWhileTheClipHasSound() {
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(clips(200, 7), FEATURES, List.of(), "synthetic", 400);
        SegmentFeatures pause = segment(1, -85, 9.0, 0.01);
        assertTrue(calibration.isPause(pause));
        assertFalse(calibration.isPause(segment(0, -20, 2.0, 1.0)));

        Verdict speechWithPause = judge(calibration, segment(0, -20, 2.0, 1.0), pause, segment(2, -25, 2.5, 1.0));
        assertFalse(speechWithPause.anomalous(), "score " + speechWithPause.score());
        assertEquals(List.of(0L, 22050L), speechWithPause.checks().stream()
                .map(c -> c.segment().startSample()).toList());

        Verdict pauseAlone = judge(calibration, pause);
        assertTrue(pauseAlone.anomalous(), "a clip of nothing but a pause is judged on it");
        Verdict silence = judge(calibration, segment(0, SegmentFeatures.SILENCE_DB, 5.0, 1.0),
                segment(1, SegmentFeatures.SILENCE_DB, 5.0, 1.0));
        assertTrue(silence.anomalous());
        assertEquals(2, silence.checks().size());
        assertEquals("level_low", silence.worst().deviationName(calibration.featureNames()));

        Verdict loudSpeechWithHotSegment = judge(calibration, segment(0, -20, 2.0, 1.0), segment(1, -40, 4.0, 3.0));
        assertTrue(loudSpeechWithHotSegment.anomalous(), "segments at normal loudness are still judged");
    }

    @Test
    void heldOutFalsePositivesAreRecorded() {
        Calibrator calibrator = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01));
        Calibration fitted = calibrator.fit(clips(200, 7), FEATURES, List.of(), "synthetic", 400);
        Calibration validated = Calibrator.validate(fitted, clips(100, 8), "held out", 200);
        assertEquals(100, validated.provenance().validation().clips());
        assertEquals(String.format(Locale.ROOT, "%.1f%% of 200 calibration clips (10-fold cross-validated)",
                100 * fitted.provenance().falsePositiveRate()), fitted.provenance().falsePositiveSummary());
        String summary = validated.provenance().falsePositiveSummary();
        assertTrue(summary.matches(".* calibration clips \\(10-fold cross-validated\\), \\d+\\.\\d% of 100 held-out "
                + "clips"), summary);
        assertTrue(validated.provenance().validation().falsePositiveRate() <= 0.05,
                "held-out false positives " + validated.provenance().validation().falsePositiveRate());
    }

    @Test
    void tooLittleAudioIsRefusedSayingWhatIsNeeded() {
        Calibrator calibrator = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calibrator.fit(clips(1, 9), FEATURES, List.of(), "one clip", 2));
        assertEquals("4 calibration segments of 0.50 s; expected at least 8: calibrate on more "
                + "normal audio (minutes, not seconds)", e.getMessage());
    }

    @Test
    void calibrationRoundTripsThroughTheBundle() throws Exception {
        Path bundle = dir.resolve("m.flowvox");
        FlowConfig flow = new FlowConfig(80, 2, 64, 2, 16, 256, Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true));
        Calibration calibration = Calibrator.validate(new Calibrator(Calibrator.Settings.DEFAULT)
                .fit(clips(50, 3), FEATURES, List.of(), "synthetic", 100), clips(20, 4), "held", 40);
        try (NDManager manager = NDManager.newBaseManager()) {
            try (FlowParameters parameters = FlowParameters.initialize(flow, manager, new Initialization(3, 1.0))) {
                ModelBundle.save(bundle, new ModelInfo(flow, MelConfig.nvidia22050(), 1.0,
                        Provenance.now("random test model", Map.of("steps", "0"))), parameters);
            }
            try (VocoderModel before = ModelBundle.load(bundle, manager)) {
                assertTrue(before.calibration().isEmpty(), "a fresh bundle has no calibration");
            }
            float[] weightsBefore = BundleArchive.read(bundle).arrays(ModelBundle.PARAMS).get("convinv.0.L").data();
            CalibrationSection.write(bundle, calibration);
            assertArrayEquals(weightsBefore, BundleArchive.read(bundle).arrays(ModelBundle.PARAMS).get("convinv.0.L").data());
            try (VocoderModel after = ModelBundle.load(bundle, manager)) {
                Calibration read = after.calibration().orElseThrow();
                assertEquals(calibration.threshold(), read.threshold(), 0.0);
                assertEquals(calibration.bands(), read.bands());
                assertEquals(calibration.level(), read.level());
                assertEquals(calibration.provenance(), read.provenance());
                assertEquals(64, after.info().flow().nGroup());
            }
        }
    }

    @Test
    void aCalibrationOfOtherFeaturesCannotJudgeAFlow() {
        FlowConfig flow = new FlowConfig(80, 2, 64, 2, 16, 256, Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true));
        Calibration spectral = new Calibrator(Calibrator.Settings.DEFAULT)
                .fit(clips(20, 3), List.of("spectral_flatness", "spectral_centroid"), List.of(), "synthetic", 40);
        try (NDManager manager = NDManager.newBaseManager();
                FlowParameters parameters = FlowParameters.initialize(flow, manager, new Initialization(3, 1.0))) {
            ModelInfo info = new ModelInfo(flow, MelConfig.nvidia22050(), 1.0, Provenance.now("random", Map.of()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new VocoderModel(info, parameters, manager, spectral, SynthesisDefaults.FALLBACK));
            assertTrue(e.getMessage().contains("unknown flow feature 'spectral_flatness'")
                    && e.getMessage().contains("re-run flowvox calibrate"), e.getMessage());
        }
    }

    /**
     * A calibration written before thresholds were cross-validated has no {@code folds}: it chose its
     * threshold on its own clips, and reads as one fold, with its summary as it was.
     */
    @Test
    void aCalibrationWrittenBeforeFoldsReadsAsOneFold() {
        Calibration calibration = new Calibrator(Calibrator.Settings.DEFAULT)
                .fit(clips(200, 3), FEATURES, List.of(), "synthetic", 400);
        var json = CalibrationSection.toJson(calibration);
        assertEquals(10, json.getAsJsonObject("provenance").get("folds").getAsInt());
        json.getAsJsonObject("provenance").remove("folds");
        CalibrationProvenance read = CalibrationSection.fromJson(json).provenance();
        assertEquals(1, read.folds());
        assertEquals(String.format(Locale.ROOT, "%.1f%% of 200 calibration clips", 100 * read.falsePositiveRate()),
                read.falsePositiveSummary());
    }

    @Test
    void newerCalibrationVersionIsRefusedByName() {
        var json = CalibrationSection.toJson(new Calibrator(Calibrator.Settings.DEFAULT)
                .fit(clips(20, 3), FEATURES, List.of(), "synthetic", 40));
        json.addProperty("version", CalibrationSection.VERSION + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationSection.fromJson(json));
        assertTrue(e.getMessage().contains("version " + (CalibrationSection.VERSION + 1))
                && e.getMessage().contains("upgrade flowvox"), e.getMessage());
    }

    /**
     * Whole-clip statistics (here one, typical around 1) widen the rule: a clip whose segments are
     * all typical but whose statistic is far out is flagged, names the statistic and its side, and
     * the bounds survive the bundle's JSON; a version-1 section (no clip bounds) still reads.
     */
    @Test
    void wholeClipStatisticsAreBoundedAndJudged() {
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(clipsWithStatistic(300, 9), FEATURES, List.of("onset_skewness"), "synthetic", 600);
        Bounds skewness = calibration.clipBounds().bounds().get(0);
        assertTrue(skewness.lower() > 0.6 && skewness.upper() < 1.4, "bounds " + skewness);
        List<SegmentFeatures> typical = List.of(segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        Verdict normal = calibration.judge(new ClipFeatures(typical, new double[] {1.0}));
        assertFalse(normal.anomalous(), "score " + normal.score());
        Verdict reversed = calibration.judge(new ClipFeatures(typical, new double[] {-1.0}));
        assertTrue(reversed.anomalous(), "score " + reversed.score());
        ClipCheck check = reversed.clipCheck().orElseThrow();
        assertEquals("onset_skewness_low", check.deviationName());
        assertEquals(check.margin(), reversed.score(), 0.0);
        assertTrue(check.bounds().get(0).lower() < skewness.lower(), "reported bounds are widened by the threshold");
        Verdict tooShort = calibration.judge(ClipFeatures.ofSegments(typical));
        assertTrue(tooShort.clipCheck().isEmpty(), "a clip without statistics is judged by its segments");
        Verdict unmeasured = calibration.judge(new ClipFeatures(typical, new double[] {Double.NaN}));
        assertTrue(unmeasured.clipCheck().isEmpty(), "a statistic the clip is too short for is not judged");
        assertEquals(List.of(ClipFeature.ONSET_SKEWNESS.minSeconds()), calibration.clipBounds().minSeconds());

        Calibration read = CalibrationSection.fromJson(CalibrationSection.toJson(calibration));
        assertEquals(calibration.clipBounds(), read.clipBounds());
        var beforeMinimums = CalibrationSection.toJson(calibration);
        beforeMinimums.getAsJsonObject("clip").remove("min_seconds");
        assertEquals(List.of(ClipBounds.LEGACY_MIN_SECONDS),
                CalibrationSection.fromJson(beforeMinimums).clipBounds().minSeconds(),
                "a calibration written before the minimums judges clips as long as it learned from");
        var versionOne = CalibrationSection.toJson(calibration);
        versionOne.remove("clip");
        versionOne.addProperty("version", 1);
        assertEquals(ClipBounds.NONE, CalibrationSection.fromJson(versionOne).clipBounds());
    }

    /**
     * Normal speech can give every calibration clip the same resolution (16 bits): the bounds' scale
     * is then the statistic's own unit (one bit), so an 8-bit clip lies 7 scales out, not 8·10⁹, and
     * the bounds span two of it, so a 16-bit clip lies one scale inside instead of on a bound.
     */
    @Test
    void aStatisticEqualInEveryCalibrationClipKeepsItsMinimumScale() {
        List<ClipFeatures> sixteenBit = clips(100, 5).stream()
                .map(c -> new ClipFeatures(c.segments(), new double[] {16})).toList();
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(sixteenBit, FEATURES, List.of("resolution_bits"), "synthetic", 200);
        Bounds bits = calibration.clipBounds().bounds().get(0);
        assertEquals(new Bounds(15, 17, ClipFeature.RESOLUTION_BITS.minScale()), bits);
        List<SegmentFeatures> typical = List.of(segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        Verdict eightBit = calibration.judge(new ClipFeatures(typical, new double[] {8}));
        assertTrue(eightBit.anomalous(), "score " + eightBit.score());
        assertEquals(7, eightBit.clipCheck().orElseThrow().margin(), 1e-12);
        Verdict sixteen = calibration.judge(new ClipFeatures(typical, new double[] {16}));
        assertEquals(-1, sixteen.clipCheck().orElseThrow().margin(), 1e-12);
        assertEquals("resolution_bits_low", eightBit.clipCheck().orElseThrow().deviationName());
    }

    /**
     * A statistic with a natural floor counts only above its bounds: normal audio that crackles a
     * little (about 4 clicks a second) calibrates bounds above zero, and a clip without clicks is
     * then not suspect, while its two-sided margin would have flagged it as {@code click_rate_low}.
     */
    @Test
    void aStatisticWithAFloorIsAnomalousOnlyAboveIt() {
        SplittableRandom random = new SplittableRandom(4);
        List<ClipFeatures> crackling = clips(200, 4).stream()
                .map(c -> new ClipFeatures(c.segments(), new double[] {4 + 0.2 * random.nextGaussian()})).toList();
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(crackling, FEATURES, List.of("click_rate"), "synthetic", 400);
        Bounds bounds = calibration.clipBounds().bounds().get(0);
        assertTrue(bounds.margin(0) > calibration.threshold(), "two-sided, no clicks would be flagged: " + bounds);
        List<SegmentFeatures> typical = List.of(segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        ClipCheck clickless = calibration.judge(new ClipFeatures(typical, new double[] {0})).clipCheck().orElseThrow();
        assertFalse(clickless.anomalous(), "margin " + clickless.margin());
        assertEquals("click_rate_high", clickless.deviationName());
        assertEquals((0 - bounds.upper()) / bounds.scale(), clickless.margin(), 1e-12);
        Verdict train = calibration.judge(new ClipFeatures(typical, new double[] {10}));
        assertTrue(train.anomalous(), "score " + train.score());
    }

    /**
     * A clip too short for some statistics is judged on the others: the check names only those it
     * measured, and the worst of them.
     */
    @Test
    void aClipIsJudgedOnTheStatisticsItHas() {
        List<ClipFeatures> clips = clips(100, 5).stream()
                .map(c -> new ClipFeatures(c.segments(), new double[] {1.0, 16})).toList();
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(clips, FEATURES, List.of("onset_skewness", "resolution_bits"), "synthetic", 200);
        List<SegmentFeatures> typical = List.of(segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        ClipCheck word = calibration.judge(new ClipFeatures(typical, new double[] {Double.NaN, 8})).clipCheck()
                .orElseThrow();
        assertEquals(List.of("resolution_bits"), word.names());
        assertEquals("resolution_bits_low", word.deviationName());
        assertEquals(7, word.margin(), 1e-12);
    }

    /**
     * The segments and the whole-clip statistics flag about the same share of new normal clips: when
     * normal speech stretches the segments' margins far (a latent energy with a Cauchy tail), the
     * threshold they would set alone does not blind the clip statistic, and a clip whose statistic lies
     * four standard deviations beyond its bounds is flagged.
     */
    @Test
    void segmentsWithAHeavyTailDoNotSetTheThresholdForTheClipStatistics() {
        Calibrator calibrator = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.02));
        Calibration calibration = calibrator.fit(heavyTailed(400, 11), FEATURES, List.of("onset_skewness"),
                "synthetic", 800);

        int bySegments = 0;
        int byStatistic = 0;
        for (ClipFeatures clip : heavyTailed(2000, 12)) {
            Verdict verdict = calibration.judge(clip);
            bySegments += verdict.checks().stream().anyMatch(SegmentCheck::anomalous) ? 1 : 0;
            byStatistic += verdict.clipCheck().orElseThrow().anomalous() ? 1 : 0;
        }
        assertTrue(bySegments >= 10 && bySegments <= 40 && byStatistic >= 10 && byStatistic <= 40,
                "of 2000 new normal clips, segments flag " + bySegments + " and the statistic " + byStatistic
                        + "; expected about 20 each (2% in all)");

        assertTrue(calibration.threshold() > 5, "the segments' tail lies " + calibration.threshold()
                + " of their scales out; expected beyond 5, where the statistic's own scale would not flag the clip"
                + " below");
        List<SegmentFeatures> typical = List.of(segment(0, -20, 2.0, 1.0), segment(1, -50, 5.0, 1.0));
        double upper = calibration.clipBounds().bounds().get(0).upper();
        Verdict far = calibration.judge(new ClipFeatures(typical, new double[] {upper + 4 * 0.1}));
        assertTrue(far.anomalous(), "a statistic four standard deviations beyond its bounds; score " + far.score()
                + ", threshold " + calibration.threshold());
        Verdict near = calibration.judge(new ClipFeatures(typical, new double[] {1.0}));
        assertFalse(near.anomalous(), "a typical statistic; score " + near.score());
        assertEquals("onset_skewness_high", far.clipCheck().orElseThrow().deviationName());
    }

    /**
     * Bounds fitted on 60 clips sit on those clips' own tails, so a threshold at the 1% quantile of
     * their own scores flags several times 1% of new clips of the same kind. The threshold comes from
     * clips the bounds did not see (ten folds), at a rank that new clips exceed about 1% of the time.
     * Averaged over three calibration sets, each asked about 5000 new clips.
     */
    @Test
    void theThresholdComesFromClipsTheBoundsDidNotSee() {
        double flagged = 0;
        double flaggedByOwn = 0;
        for (long seed : new long[] {21, 31, 41}) {
            List<ClipFeatures> calibrationClips = clipsWithStatistic(60, seed);
            Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                    .fit(calibrationClips, FEATURES, List.of("onset_skewness"), "synthetic", 120);
            assertEquals(10, calibration.provenance().folds());
            double[] own = Arrays.stream(Calibrator.scores(calibration, calibrationClips)).sorted().toArray();
            double ownThreshold = Calibrator.quantile(own, 0.99);
            double[] fresh = Calibrator.scores(calibration, clipsWithStatistic(5000, seed + 1));
            flagged += Arrays.stream(fresh).filter(score -> score > calibration.threshold()).count() / 15000.0;
            flaggedByOwn += Arrays.stream(fresh).filter(score -> score > ownThreshold).count() / 15000.0;
        }
        assertTrue(flaggedByOwn > 0.03, "the clips' own 1% quantile flags " + flaggedByOwn
                + " of new clips; expected several times 1%");
        assertTrue(flagged >= 0.003 && flagged <= 0.02, "the threshold flags " + flagged
                + " of new clips; expected about 1%");
    }

    /**
     * Too few clips for ten folds that can each be calibrated without: the clips are judged by their
     * own bounds, and with ten of them the threshold is the highest score.
     */
    @Test
    void aSetTooSmallForFoldsIsJudgedByItsOwnBounds() {
        List<ClipFeatures> few = clipsWithStatistic(10, 23);
        Calibration calibration = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(few, FEATURES, List.of("onset_skewness"), "synthetic", 20);
        assertEquals(1, calibration.provenance().folds());
        assertEquals(Arrays.stream(Calibrator.scores(calibration, few)).max().orElseThrow(), calibration.threshold(),
                1e-9);
        assertEquals("0.0% of 10 calibration clips", calibration.provenance().falsePositiveSummary());
    }

    private static List<ClipFeatures> heavyTailed(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ClipFeatures> clips = new ArrayList<>();
        for (ClipFeatures clip : clips(count, seed)) {
            List<SegmentFeatures> segments = new ArrayList<>();
            for (SegmentFeatures segment : clip.segments()) {
                double[] values = segment.values().clone();
                values[1] += 0.05 * Math.abs(Math.tan(Math.PI * (random.nextDouble() - 0.5)));
                segments.add(new SegmentFeatures(segment.startSample(), segment.endSample(), segment.levelDb(),
                        values));
            }
            clips.add(new ClipFeatures(segments, new double[] {1 + 0.1 * random.nextGaussian()}));
        }
        return clips;
    }

    /**
     * A band's 0.5% quantiles need 200 segments to lie inside its data; with fewer, its bounds are its
     * own extremes, which new normal speech exceeds often. A small calibration set gets fewer bands.
     */
    @Test
    void aSmallCalibrationSetGetsFewerLoudnessBands() {
        Calibrator calibrator = new Calibrator(new Calibrator.Settings(0.5, 8, 0.005, 0.01, 0.01));
        assertEquals(8, calibrator.fit(clips(400, 3), FEATURES, List.of(), "synthetic", 800).bands().size(),
                "1600 segments: 200 per band");
        assertEquals(2, calibrator.fit(clips(100, 3), FEATURES, List.of(), "synthetic", 200).bands().size(),
                "400 segments: 2 bands of 200");
        assertEquals(1, calibrator.fit(clips(30, 3), FEATURES, List.of(), "synthetic", 60).bands().size(),
                "120 segments: one band");
    }

    private static Verdict judge(Calibration calibration, SegmentFeatures... segments) {
        return calibration.judge(ClipFeatures.ofSegments(List.of(segments)));
    }

    private static List<ClipFeatures> clipsWithStatistic(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return clips(count, seed).stream()
                .map(c -> new ClipFeatures(c.segments(), new double[] {1 + 0.1 * random.nextGaussian()})).toList();
    }

    /**
     * A clip with no segment as loud as normal speech is anomalous however wide the loudness bounds:
     * calibrated on speech with studio-quiet pauses, the shipped checks have a loudness scale near
     * 14 dB, and digital silence lies only 1.6 scales below their lower bound.
     */
    @Test
    void aClipWithoutSoundIsAnomalousHoweverWideTheLoudnessBounds() {
        Calibration narrow = new Calibrator(new Calibrator.Settings(0.5, 4, 0.005, 0.01, 0.01))
                .fit(clips(200, 7), FEATURES, List.of(), "synthetic", 400);
        double scale = 2 * (-78 - SegmentFeatures.SILENCE_DB) / narrow.threshold();
        Calibration wide = new Calibration(narrow.segmentSeconds(), narrow.featureNames(), new Bounds(-78, -9, scale),
                narrow.bands(), narrow.clipBounds(), narrow.threshold(), narrow.provenance());
        SegmentFeatures silence = segment(0, SegmentFeatures.SILENCE_DB, 5.0, 1.0);
        assertTrue(wide.level().margin(silence.levelDb()) < wide.threshold(), "silence alone stays inside the "
                + "widened loudness bounds");

        Verdict silent = judge(wide, silence, segment(1, -95, 5.0, 1.0));
        assertTrue(silent.anomalous(), "score " + silent.score() + ", threshold " + silent.threshold());
        assertTrue(silent.checks().stream().allMatch(SegmentCheck::anomalous), "every segment is flagged");
        assertEquals("level_low", silent.worst().deviationName(wide.featureNames()));
        assertEquals(0, silent.worst().segment().startSample(), "the quieter segment lies further from speech");
        assertTrue(silent.score() > silent.threshold() + wide.level().margin(-95), "score " + silent.score());
        assertFalse(judge(wide, silence, segment(1, -20, 2.0, 1.0)).anomalous(), "silence between speech is a pause");
    }

    private static List<ClipFeatures> clips(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ClipFeatures> clips = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<SegmentFeatures> clip = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                double level = -60 + 50 * random.nextDouble();
                clip.add(segment(s, level, -0.1 * level + 0.1 * random.nextGaussian(), 1 + 0.05 * random.nextGaussian()));
            }
            clips.add(ClipFeatures.ofSegments(clip));
        }
        return clips;
    }

    private static SegmentFeatures segment(int index, double level, double nats, double energy) {
        return new SegmentFeatures(index * 11025L, (index + 1) * 11025L, level, new double[] {nats, energy});
    }
}
