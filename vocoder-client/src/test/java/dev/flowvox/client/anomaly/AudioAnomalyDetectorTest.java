// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import dev.flowvox.client.audio.AudioStreamsTest;
import dev.flowvox.client.audio.TestAudioFiles;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.CalibrationSection;
import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.calibration.ClipFeature;
import dev.flowvox.core.calibration.ClipFeatures;
import dev.flowvox.core.calibration.FlowFeatures;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.plot.XRangeMarker;
import dev.flowvox.proto.v1.ListModelsRequest;
import dev.flowvox.proto.v1.ListModelsResponse;
import dev.flowvox.proto.v1.VocoderGrpc;
import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.limits.Limits;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;

/**
 * The detector with the shipped checks model, calibrated inside the test on clean clips cut from the
 * fixture speech at several gains, so the outcome does not depend on the bundle's own calibration.
 */
class AudioAnomalyDetectorTest {

    /** Kinds the shipped checks model separates from speech (see the client README's evaluation). */
    private static final Set<AnomalyKind> FLAGGED = EnumSet.of(AnomalyKind.WHITE_NOISE, AnomalyKind.PINK_NOISE,
            AnomalyKind.PURE_TONE, AnomalyKind.NOISY_SPEECH_0DB, AnomalyKind.HARD_CLIPPING,
            AnomalyKind.CLICK_TRAIN);
    private static final Path MODEL = Path.of("..", "models", "checks", "checks.flowvox");
    private static final int RATE = 22050;

    private static NDManager manager;
    private static VocoderModel model;
    private static float[] speech;
    private static Calibration calibration;

    @TempDir
    Path dir;

    @BeforeAll
    static void calibrateOnFixtureSpeech() throws Exception {
        manager = NDManager.newBaseManager();
        model = ModelBundle.load(MODEL, manager);
        speech = ModelInput.load(Path.of(System.getProperty("flowvox.fixtures"), "speech-22050.wav"), RATE).clip().samples();
        FlowFeatures features = new FlowFeatures(model);
        List<ClipFeatures> clips = new ArrayList<>();
        for (float gain : new float[] {0.5f, 0.6f, 0.7f, 0.85f, 1f, 1.2f, 1.4f}) {
            for (int start = 0; start + 33075 <= speech.length; start += 2756) {
                clips.add(features.extract(window(start, 33075, gain), 11025));
            }
        }
        calibration = new Calibrator(new Calibrator.Settings(0.5, 2, 0.005, 0.01, 0)).fit(clips, features.names(),
                features.clipNames(), "fixture speech", clips.size() * 1.5);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void cleanSpeechAtUnseenOffsetsPasses() {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        for (float gain : new float[] {0.6f, 1.2f}) {
            AnomalyCheck check = detector.check(window(6000, 33075, gain), RATE, "clean x" + gain);
            assertEquals(AnomalyCheck.Status.TYPICAL, check.status(), "clean speech at gain " + gain + " scored "
                    + check.score().verdict().orElseThrow().score() + " over threshold " + calibration.threshold());
        }
    }

    @Test
    void everySeparableAnomalyKindIsFlaggedWithItsWorstRange() {
        for (AnomalyKind kind : FLAGGED) {
            AnomalyCheck check = checkMadeAnomalous(kind, 3);
            ClipVerdict verdict = check.score().verdict().orElseThrow();
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status(), kind + " scored " + verdict.score()
                    + " under threshold " + verdict.threshold());
            SegmentResult worst = check.worstRanges(1).get(0);
            assertTrue(worst.anomalous() && worst.endSeconds() - worst.startSeconds() > 0.25, kind + ": " + worst);
        }
    }

    /**
     * Anomalies that keep audio and mel consistent are caught by the whole clip's statistics. (Time
     * reversal is left to ClipFeatureTest and the corpus evaluation: the onset skewness of 1.5 s
     * windows of one synthetic voice spreads too widely to calibrate on.)
     */
    @Test
    void consistentAnomaliesAreFlaggedByTheWholeClip() {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        float[] clean = window(5512, 33075, 1f);
        Map<AnomalyKind, String> expected = Map.of(AnomalyKind.ECHO, "echo_correlation",
                AnomalyKind.LOW_PASS_4KHZ, "high_band_db");
        for (Map.Entry<AnomalyKind, String> kind : expected.entrySet()) {
            AnomalyCheck check = checkMadeAnomalous(kind.getKey(), 5);
            WholeClipResult whole = check.score().verdict().orElseThrow().wholeClip().orElseThrow();
            FeatureResult statistic = whole.features().stream().filter(f -> f.name().equals(kind.getValue()))
                    .findFirst().orElseThrow();
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status(), kind.getKey() + ": " + whole);
            assertFalse(statistic.within(), "beyond its bound widened by the threshold: " + kind.getKey() + ": "
                    + statistic);
        }
        WholeClipResult typical = detector.check(clean, RATE, "clean").score().verdict().orElseThrow().wholeClip()
                .orElseThrow();
        assertTrue(typical.features().stream().allMatch(FeatureResult::within), "clean: " + typical);
        WholeClipResult word = detector.check(window(5512, 20000, 1f), RATE, "short").score().verdict().orElseThrow()
                .wholeClip().orElseThrow();
        List<String> judged = word.features().stream().map(FeatureResult::name).toList();
        assertTrue(!judged.contains("echo_correlation") && !judged.contains("onset_skewness")
                && judged.contains("click_rate"), "a clip under a second is judged on what a word shows: " + judged);
    }

    /**
     * Hard clipping, 8-bit quantization, clicks, dropouts and a DC offset change the sample values in ways
     * the flow sees only in part, and steady noise has no syllables; the whole clip's statistics name them.
     */
    @Test
    void distortionsAreNamedByTheirWholeClipStatistic() {
        Map<AnomalyKind, String> expected = Map.of(AnomalyKind.HARD_CLIPPING, "flat_top_share",
                AnomalyKind.QUANTIZED_8BIT, "resolution_bits", AnomalyKind.CLICK_TRAIN, "click_rate",
                AnomalyKind.PINK_NOISE, "log_level_spread", AnomalyKind.PURE_TONE, "log_level_spread",
                AnomalyKind.DROPOUTS, "dropout_edge_db", AnomalyKind.DC_OFFSET, "dc_offset_db");
        for (Map.Entry<AnomalyKind, String> kind : expected.entrySet()) {
            AnomalyCheck check = checkMadeAnomalous(kind.getKey(), 7);
            ClipVerdict verdict = check.score().verdict().orElseThrow();
            FeatureResult statistic = verdict.wholeClip().orElseThrow().features().stream()
                    .filter(f -> f.name().equals(kind.getValue())).findFirst().orElseThrow();
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status(), kind.getKey() + ": " + verdict.wholeClip());
            assertFalse(statistic.within(), kind.getKey() + ": " + statistic);
        }
    }

    /**
     * A single word (0.9 s, "okay") is too short for the onset and echo statistics but not for those of
     * the sample values: its distortions are named as in a longer clip.
     */
    @Test
    void distortionsOfAShortWordAreNamed() {
        Map<AnomalyKind, String> expected = Map.of(AnomalyKind.HARD_CLIPPING, "flat_top_share",
                AnomalyKind.QUANTIZED_8BIT, "resolution_bits", AnomalyKind.CLICK_TRAIN, "click_rate",
                AnomalyKind.DROPOUTS, "dropout_edge_db", AnomalyKind.DC_OFFSET, "dc_offset_db");
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        float[] word = window(5512, (int) (0.9 * RATE), 1f);
        for (Map.Entry<AnomalyKind, String> kind : expected.entrySet()) {
            AnomalyCheck check = detector.check(kind.getKey().apply(word, RATE, 11), RATE, kind.getKey().name());
            ClipVerdict verdict = check.score().verdict().orElseThrow();
            FeatureResult statistic = verdict.wholeClip().orElseThrow().features().stream()
                    .filter(f -> f.name().equals(kind.getValue())).findFirst().orElseThrow();
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status(), kind.getKey() + ": " + verdict.wholeClip());
            assertFalse(statistic.within(), kind.getKey() + ": " + statistic);
        }
        assertEquals(AnomalyCheck.Status.TYPICAL, detector.check(word, RATE, "word").status());

        var written = CalibrationSection.toJson(calibration);
        written.getAsJsonObject("clip").remove("min_seconds");
        Calibration older = CalibrationSection.fromJson(written);
        AnomalyCheck clicks = new AudioAnomalyDetector(new LocalLikelihoodSource(model, older))
                .check(AnomalyKind.CLICK_TRAIN.apply(word, RATE, 11), RATE, "clicks, older calibration");
        assertTrue(clicks.score().verdict().orElseThrow().wholeClip().isEmpty(),
                "a calibration written before the minimums judges a word by its segments, as it did");
    }

    /** A calibration written before the DC offset was a statistic judges a clip by the statistics it names. */
    @Test
    void aCalibrationWithoutTheDcStatisticJudgesByTheOthers() {
        var written = CalibrationSection.toJson(calibration);
        var clip = written.getAsJsonObject("clip");
        List<String> names = new ArrayList<>();
        clip.getAsJsonArray("features").forEach(name -> names.add(name.getAsString()));
        int dc = names.indexOf(ClipFeature.DC_OFFSET_DB.featureName());
        assertTrue(dc >= 0, "the in-test calibration bounds the DC offset: " + names);
        for (String array : List.of("features", "bounds", "min_seconds")) {
            clip.getAsJsonArray(array).remove(dc);
        }
        Calibration older = CalibrationSection.fromJson(written);
        float[] offsetClip = AnomalyKind.DC_OFFSET.apply(window(5512, 33075, 1f), RATE, 7);
        AnomalyCheck offset = new AudioAnomalyDetector(new LocalLikelihoodSource(model, older))
                .check(offsetClip, RATE, "offset, older calibration");
        List<String> judged = offset.score().verdict().orElseThrow().wholeClip().orElseThrow().features().stream()
                .map(FeatureResult::name).toList();
        assertEquals(ClipFeature.names().subList(0, ClipFeature.DC_OFFSET_DB.ordinal()), judged);
        assertEquals(AnomalyCheck.Status.ANOMALOUS, checkMadeAnomalous(AnomalyKind.DC_OFFSET, 7).status(),
                "the same clip under the calibration that bounds the offset");
    }

    /** The in-test calibration's check of the fixture window the anomaly tests use, made anomalous. */
    private static AnomalyCheck checkMadeAnomalous(AnomalyKind kind, long seed) {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        return detector.check(kind.apply(window(5512, 33075, 1f), RATE, seed), RATE, kind.name());
    }

    /** Under the shipped bundle's own calibration, a silent recording or a dead line is not speech. */
    @Test
    void silenceIsAnomalousUnderTheShippedCalibration() {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(LocalLikelihoodSource.of(model));
        float[] hum = new float[2 * RATE];
        for (int i = 0; i < hum.length; i++) {
            hum[i] = (float) (3e-5 * Math.sin(2 * Math.PI * 50 * i / RATE));
        }
        for (float[] quiet : List.of(new float[2 * RATE], hum)) {
            AnomalyCheck check = detector.check(quiet, RATE, "silence");
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status(), "score "
                    + check.score().verdict().orElseThrow().score());
            assertEquals("level_low", check.worstRanges(1).get(0).deviation());
        }
    }

    /**
     * A µ-law WAV file (telephony) is read by flowvox's WAV reader, resampled and judged; a µ-law AU
     * file, which that reader refuses, goes through javax.sound with a warning and gets nearly the same score,
     * as does a FLAC file through ffmpeg; bytes that are not audio keep the WAV reader's message.
     */
    @Test
    void telephonyAudioIsReadAndJudged() throws Exception {
        float[] narrow = new Resampler(RATE, 8000).resample(window(5512, 33075, 1f));
        Path call = dir.resolve("call.wav");
        AudioStreamsTest.write(narrow, AudioFormat.Encoding.ULAW, AudioFileFormat.Type.WAVE, call);
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        AnomalyCheck check = detector.check(call);
        assertTrue(check.score().verdict().isPresent());
        assertEquals(List.of("resampled 8000 Hz to 22050 Hz"), check.warnings());

        Path au = dir.resolve("call.au");
        AudioStreamsTest.write(narrow, AudioFormat.Encoding.ULAW, AudioFileFormat.Type.AU, au);
        AnomalyCheck viaJavaSound = detector.check(au);
        assertEquals("decoded with javax.sound (not a WAV file)", viaJavaSound.warnings().get(0));
        double score = check.score().verdict().orElseThrow().score();
        assertEquals(score, viaJavaSound.score().verdict().orElseThrow().score(),
                Math.max(1e-3, 1e-5 * Math.abs(score)),
                "the two paths scale 16-bit values by 1/32768 and TarsosDSP's 1/32767, nothing else");

        Path speech = dir.resolve("speech.wav");
        WavWriter.write(new AudioClip(window(5512, 33075, 1f), RATE), WavEncoding.PCM_16, speech);
        Path flac = TestAudioFiles.convertWithFfmpeg(speech, dir.resolve("speech.flac"));
        AnomalyCheck viaFfmpeg = detector.check(flac);
        assertEquals(List.of("decoded with ffmpeg (not a WAV file)"), viaFfmpeg.warnings());
        assertEquals(detector.check(speech).score().verdict().orElseThrow().score(),
                viaFfmpeg.score().verdict().orElseThrow().score(), 1e-3, "FLAC is lossless");

        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "not audio at all");
        IOException e = assertThrows(IOException.class,
                () -> new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration)).check(text));
        assertTrue(e.getMessage().contains("RIFF"), e.getMessage());
    }

    @Test
    void aNoiseBurstIsLocatedInTime() {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        float[] audio = window(5512, 33075, 1f);
        float[] noise = AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(audio, 11025, 22050), RATE, 1);
        System.arraycopy(noise, 0, audio, 11025, noise.length);
        AnomalyCheck check = detector.check(audio, RATE, "noise burst 0.5-1.0 s");
        SegmentResult worst = check.worstRanges(1).get(0);
        assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status());
        assertEquals(0.5, worst.startSeconds(), 0.01);
        assertEquals(1.0, worst.endSeconds(), 0.01);
    }

    @Test
    void thePlotShadesOnlyTheRangesOverTheThreshold() {
        AudioAnomalyDetector detector = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration));
        float[] audio = window(5512, 33075, 1f);
        AnomalyCheck clean = detector.check(audio, RATE, "clean");
        assertEquals(List.of(), CheckPlot.plot(clean, 3).markers(), "a typical clip has nothing to point at");

        float[] noise = AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(audio, 11025, 22050), RATE, 1);
        System.arraycopy(noise, 0, audio, 11025, noise.length);
        List<XRangeMarker> shaded = CheckPlot.plot(detector.check(audio, RATE, "noise burst 0.5-1.0 s"), 3).markers();
        assertEquals(1, shaded.size(), "only the burst's segment is over the threshold: " + shaded);
        assertEquals(0.5, shaded.get(0).from(), 0.01);
        assertEquals(1.0, shaded.get(0).to(), 0.01);
    }

    @Test
    void bundleWithoutCalibrationGivesNoVerdict() throws Exception {
        Path uncalibrated = dir.resolve("uncalibrated.flowvox");
        ModelBundle.save(uncalibrated, model.info(), model.parameters());
        try (VocoderModel plain = ModelBundle.load(uncalibrated, manager)) {
            assertNoVerdict(new AudioAnomalyDetector(LocalLikelihoodSource.of(plain)));
        }
    }

    private void assertNoVerdict(AudioAnomalyDetector detector) {
        AnomalyCheck check = detector.check(window(0, 22050, 1f), RATE, "uncalibrated");
        assertFalse(detector.source().calibrated());
        assertEquals(AnomalyCheck.Status.NO_CALIBRATION, check.status());
        assertTrue(check.worstRanges(3).isEmpty());
        assertTrue(check.score().natsPerSample() > 0, "nats/sample " + check.score().natsPerSample());
    }

    /**
     * The server synthesizes with an uncalibrated default model and scores with the calibrated one
     * ({@code --score-model}); a source that names no model scores with the latter.
     */
    @Test
    void serverReturnsTheSameVerdictAsTheLocalCheck() throws Exception {
        Path bundle = dir.resolve("calibrated.flowvox");
        Files.copy(MODEL, bundle);
        CalibrationSection.write(bundle, calibration);
        Path synthesis = dir.resolve("synthesis.flowvox");
        ModelBundle.save(synthesis, model.info(), model.parameters());
        float[] noisy = AnomalyKind.NOISY_SPEECH_0DB.apply(window(5512, 33075, 1f), RATE, 4);
        AnomalyCheck local = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration))
                .check(noisy, RATE, "local");
        VocoderServer server = VocoderServer.create(ServerConfig.local(List.of(synthesis, bundle))
                .withScoreModel("calibrated")).start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        try {
            RemoteLikelihoodSource source = new RemoteLikelihoodSource(channel, "", Duration.ofSeconds(60));
            ListModelsResponse listed = VocoderGrpc.newBlockingStub(channel)
                    .listModels(ListModelsRequest.getDefaultInstance());
            assertEquals("synthesis", listed.getDefaultModelId());
            assertEquals("calibrated", listed.getDefaultScoreModelId());
            assertTrue(source.calibrated(), "the source scores with the calibrated scoring model");
            AnomalyCheck remote = new AudioAnomalyDetector(source).check(noisy, RATE, "remote");
            ClipVerdict expected = local.score().verdict().orElseThrow();
            ClipVerdict actual = remote.score().verdict().orElseThrow();
            assertEquals(AnomalyCheck.Status.ANOMALOUS, remote.status());
            assertEquals(expected.score(), actual.score(), 1e-3);
            assertEquals(expected.segments().size(), actual.segments().size());
            assertEquals(local.worstRanges(1).get(0).startSeconds(), remote.worstRanges(1).get(0).startSeconds(), 1e-9);
            List<FeatureResult> expectedFeatures = expected.worst(1).get(0).features();
            List<FeatureResult> actualFeatures = actual.worst(1).get(0).features();
            assertEquals(SegmentFeatures.FLOW_FEATURES, actualFeatures.stream().map(FeatureResult::name).toList());
            WholeClipResult expectedWhole = expected.wholeClip().orElseThrow();
            WholeClipResult actualWhole = actual.wholeClip().orElseThrow();
            assertEquals(expectedWhole.deviation(), actualWhole.deviation());
            assertEquals(expectedWhole.margin(), actualWhole.margin(), 1e-6);
            assertEquals(expectedWhole.features(), actualWhole.features());
            for (int f = 0; f < expectedFeatures.size(); f++) {
                assertEquals(expectedFeatures.get(f).value(), actualFeatures.get(f).value(), 1e-3);
                assertEquals(expectedFeatures.get(f).lower(), actualFeatures.get(f).lower(), 1e-9);
                assertEquals(expectedFeatures.get(f).upper(), actualFeatures.get(f).upper(), 1e-9);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /**
     * A server whose {@code Score} limit (2.5 s) is shorter than the clip (6 s): the client judges the
     * clip in three pieces, each as the server judges it alone, on the clip's time line.
     */
    @Test
    void audioLongerThanTheServersLimitIsJudgedInPiecesOnOneTimeLine() throws Exception {
        float[] audio = window(0, 6 * RATE, 1f);
        float[] noise = AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(audio, 99225, 110250), RATE, 2);
        System.arraycopy(noise, 0, audio, 99225, noise.length);
        VocoderServer server = calibratedServer("calibrated.flowvox", new Limits(8192, 512, 2.5, 16 << 20, 4));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        try {
            RemoteLikelihoodSource source = new RemoteLikelihoodSource(channel, "", Duration.ofSeconds(60));
            assertEquals(215 * 256, source.longestPiece(), "2.5 s rounded down to whole frames of 256 samples");
            AnomalyCheck check = new AudioAnomalyDetector(source).check(audio, RATE, "6 s, noise at 4.5-5.0 s");
            assertTrue(check.warnings().stream().anyMatch(w -> w.contains("pieces of at most 2.5 s")), "" + check.warnings());
            ClipVerdict verdict = check.score().verdict().orElseThrow();
            List<SegmentResult> segments = verdict.segments();
            assertEquals(0, segments.get(0).startSeconds(), 1e-9);
            for (int i = 1; i < segments.size(); i++) {
                assertEquals(segments.get(i - 1).endSeconds(), segments.get(i).startSeconds(), 1e-9,
                        "segment " + i + " starts where the one before ends, also across pieces");
            }
            assertTrue(segments.get(segments.size() - 1).endSeconds() > 6.0 - 0.25, "only the clip's own tail is left out");
            assertEquals(6 * RATE / 128 * 128, check.score().scoredSamples(), "every whole group once");

            // Pieces of 2.0 s (a third of the clip, in whole frames) whose 4 judged segments of 86 groups
            // of 128 samples end at 44032: the second piece starts there, the third at 88064.
            int lastPiece = 88064;
            AnomalyCheck alone = new AudioAnomalyDetector(new LocalLikelihoodSource(model, calibration))
                    .check(Arrays.copyOfRange(audio, lastPiece, audio.length), RATE, "the last piece alone");
            SegmentResult expected = alone.worstRanges(1).get(0);
            SegmentResult worst = check.worstRanges(1).get(0);
            assertEquals(AnomalyCheck.Status.ANOMALOUS, check.status());
            assertEquals(expected.startSeconds() + (double) lastPiece / RATE, worst.startSeconds(), 1e-9);
            assertEquals(4.5, worst.startSeconds(), 0.01);
            assertEquals(expected.margin(), worst.margin(), 1e-3);
            assertEquals(alone.score().verdict().orElseThrow().score(), verdict.score(), 1e-3);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /**
     * A server that accepts 6 s in one Score request but messages of only 256 KiB, which hold 2.96 s of
     * FLOAT32 audio: the client sends pieces that fit, and the clip is judged instead of refused.
     */
    @Test
    void piecesAlsoFitTheServersMessageSize() throws Exception {
        float[] audio = window(0, 6 * RATE, 1f);
        VocoderServer server = calibratedServer("small-messages.flowvox", new Limits(8192, 512, 120, 256 << 10, 4));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        try {
            RemoteLikelihoodSource source = new RemoteLikelihoodSource(channel, "", Duration.ofSeconds(60));
            assertEquals(((256 << 10) - 1024) / Float.BYTES / 256 * 256, source.longestPiece(),
                    "the message size less the request's other fields, in whole frames of FLOAT32 samples");
            AnomalyCheck check = new AudioAnomalyDetector(source).check(audio, RATE, "6 s in pieces of 2.96 s");
            assertTrue(check.warnings().stream().anyMatch(w -> w.contains("pieces of at most 3.0 s")),
                    "" + check.warnings());
            assertEquals(6 * RATE / 128 * 128, check.score().scoredSamples(), "every whole group once");
            assertTrue(check.score().verdict().isPresent());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /** A server with these limits over a copy of the checks model that carries the test's calibration. */
    private VocoderServer calibratedServer(String file, Limits limits) throws IOException {
        Path bundle = dir.resolve(file);
        Files.copy(MODEL, bundle);
        CalibrationSection.write(bundle, calibration);
        return VocoderServer.create(ServerConfig.local(List.of(bundle)).withLimits(limits)).start();
    }

    /**
     * A window of the fixture speech as a microphone would have recorded it: with a noise floor at
     * about -80 dBFS where espeak-ng writes digital silence (which, cut off in mid-sound, is how a
     * dropout looks), at a gain.
     */
    private static float[] window(int start, int length, float gain) {
        SplittableRandom floor = new SplittableRandom(31L * start + length);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) ((speech[start + i] + 1e-4 * floor.nextGaussian()) * gain);
        }
        return out;
    }
}
