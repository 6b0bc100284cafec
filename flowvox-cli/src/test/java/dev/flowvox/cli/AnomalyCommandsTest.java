// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import static dev.flowvox.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.flowvox.client.SelfSignedCertificate;
import dev.flowvox.client.anomaly.AnomalyKind;
import dev.flowvox.client.audio.TestAudioFiles;
import dev.flowvox.core.calibration.CalibrationSection;
import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.auth.TokenSet;
import dev.flowvox.server.config.ServerConfig;
import dev.flowvox.server.config.StreamingConfig;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** {@code flowvox calibrate} then {@code flowvox check} end to end, on clips cut from the fixture speech. */
class AnomalyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void calibrateWritesTheBundleAndCheckFlagsNoiseButPassesSpeech() throws Exception {
        float[] speech = FixtureSpeech.samples();
        Files.createDirectories(dir.resolve("wav"));
        StringBuilder quieter = new StringBuilder(FixtureSpeech.MANIFEST_HEADER);
        StringBuilder louder = new StringBuilder(quieter);
        int clip = 0;
        for (float gain : new float[] {0.5f, 0.85f, 1.4f}) {
            for (int start = 0; start + 33075 <= speech.length; start += 2756) {
                String name = "wav/clean-" + clip++ + ".wav";
                FixtureSpeech.write(dir.resolve(name), scaled(Arrays.copyOfRange(speech, start, start + 33075), gain));
                (gain < 1 ? quieter : louder).append(name).append("\t33075\t1.5\tfixture\n");
            }
        }
        Files.writeString(dir.resolve("quieter.tsv"), quieter, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("louder.tsv"), louder, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("valid.tsv"),
                FixtureSpeech.MANIFEST_HEADER + "wav/clean-3.wav\t33075\t1.5\tfixture\n", StandardCharsets.UTF_8);
        Path bundle = dir.resolve("model.flowvox");
        Files.copy(Path.of("..", "models", "checks", "checks.flowvox"), bundle);

        CliRun calibrated = run("calibrate", "-m", bundle.toString(), "--train",
                dir.resolve("quieter.tsv") + "," + dir.resolve("louder.tsv"), "--valid", dir.resolve("valid.tsv").toString());
        assertEquals(0, calibrated.status(), calibrated.err());
        assertTrue(calibrated.out().contains("false positives:") && calibrated.out().contains("wrote the calibration"),
                calibrated.out());
        assertTrue(CalibrationSection.read(BundleArchive.read(bundle)).isPresent());
        assertTrue(calibrated.out().contains("min_group_energy_db") && calibrated.out().contains("max_group_energy_db")
                && calibrated.out().contains("whole clip (at least 1.0 s): onset_skewness"),
                "the table shows every bounded feature: " + calibrated.out());
        CliRun info = run("info", "-m", bundle.toString());
        assertTrue(info.out().contains("fitted on " + dir.resolve("quieter.tsv") + " + " + dir.resolve("louder.tsv")
                + " (" + clip + " clips)"), "both manifests are joined: " + info.out());
        assertTrue(info.out().contains("calibration: 0.50 s segments bounding [nats_per_sample, latent_energy, "
                + "min_group_energy_db, max_group_energy_db]; whole clips bounding [onset_skewness, echo_correlation, "
                + "high_band_db, log_level_spread, flat_top_share, resolution_bits, click_rate, dropout_edge_db, "
                + "dc_offset_db]"),
                info.out());

        Path clean = dir.resolve("clean.wav");
        FixtureSpeech.write(clean, Arrays.copyOfRange(speech, 5512, 5512 + 33075));
        Path noise = dir.resolve("noise.wav");
        FixtureSpeech.write(noise, AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(speech, 5512, 5512 + 33075),
                FixtureSpeech.RATE, 1));
        Path plots = dir.resolve("plots");
        CliRun checked = run("check", "-m", bundle.toString(), "--plot", plots.toString(), clean.toString(),
                noise.toString());
        assertEquals(0, checked.status(), checked.err());
        String[] rows = checked.out().split("\n");
        assertEquals(3, rows.length, checked.out());
        assertTrue(rows[1].startsWith(clean + "\ttypical\t"), rows[1]);
        assertTrue(rows[2].startsWith(noise + "\tanomalous\t") && rows[2].contains(" s ("), rows[2]);
        assertTrue(Files.size(plots.resolve("noise.png")) > 1000);
        assertTrue(checked.err().contains("flowvox check: 1 of 2 files anomalous, 1 typical"), checked.err());

        assertTrue(calibrated.out().contains("false positives: 0.0% of " + clip + " calibration clips (10-fold "
                + "cross-validated)"), "1% of new clips is the highest of " + clip + " scores: " + calibrated.out());
        assertFalse(calibrated.err().contains("put the threshold at the highest"), calibrated.err());
        CliRun lenient = run("calibrate", "-m", bundle.toString(), "--train",
                dir.resolve("quieter.tsv") + "," + dir.resolve("louder.tsv"), "--valid",
                dir.resolve("valid.tsv").toString(), "--target-false-positives", "0.05");
        assertEquals(0, lenient.status(), lenient.err());
        assertFalse(lenient.out().contains("false positives: 0.0% of "), "5% of " + clip + " clips is several: "
                + lenient.out());
        CliRun few = run("calibrate", "-m", bundle.toString(), "--train", dir.resolve("quieter.tsv").toString(),
                "--valid", dir.resolve("valid.tsv").toString());
        assertEquals(0, few.status(), few.err());
        assertTrue(few.err().contains("flowvox calibrate: 86 calibration clips put the threshold at the highest of "
                + "their scores, which new speech like them exceeds about once in 87 (1.15%), more often than the "
                + "target 1.00%; calibrate on at least 99 clips for it"), few.err());
        CliRun strict = run("calibrate", "-m", bundle.toString(), "--train",
                dir.resolve("quieter.tsv") + "," + dir.resolve("louder.tsv"), "--valid",
                dir.resolve("valid.tsv").toString(), "--target-false-positives", "0");
        assertEquals(0, strict.status(), strict.err());
        assertTrue(strict.out().contains("false positives: 0.0% of "), strict.out());
        CliRun refused = run("calibrate", "-m", bundle.toString(), "--target-false-positives", "0.7");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("target false-positive rate 0.7; expected [0, 0.5)"), refused.err());
    }

    @Test
    void checkReportsAFileWithoutAudioAndGoesOnWithTheRest() throws Exception {
        float[] speech = FixtureSpeech.samples();
        Path empty = dir.resolve("empty.wav");
        FixtureSpeech.write(empty, new float[0]);
        Path clean = dir.resolve("clean.wav");
        FixtureSpeech.write(clean, Arrays.copyOfRange(speech, 5512, 5512 + 33075));

        CliRun checked = run("check", "-m", Path.of("..", "models", "checks", "checks.flowvox").toString(),
                empty.toString(), clean.toString());

        assertEquals(1, checked.status(), checked.err());
        String[] rows = checked.out().split("\n");
        assertEquals(3, rows.length, checked.out());
        assertTrue(rows[1].startsWith(empty + "\terror\t"), rows[1]);
        assertTrue(rows[2].startsWith(clean + "\t") && !rows[2].contains("\terror\t"), rows[2]);
        assertTrue(checked.err().contains(empty + " holds no audio samples; expected some audio to check")
                && checked.err().contains("1 of 2 files could not be checked"), checked.err());
        assertTrue(checked.err().matches("(?s).*flowvox check: [01] of 2 files anomalous, [01] typical, "
                + "1 unreadable\n.*"), checked.err());
    }

    /**
     * The form, {@code flowvox calibrate --model BUNDLE DIR}: every audio file under the
     * directory (any format, any rate) is normal speech; {@code check} takes a directory too.
     */
    @Test
    void calibrateAndCheckTakeDirectoriesOfAudio() throws Exception {
        float[] speech = FixtureSpeech.samples();
        Path normal = dir.resolve("normal");
        Files.createDirectories(normal.resolve("louder"));
        int clips = 0;
        for (int start = 0; start + 33075 <= speech.length; start += 4410) {
            float[] clip = Arrays.copyOfRange(speech, start, start + 33075);
            FixtureSpeech.write(normal.resolve("clip-" + clips++ + ".wav"), scaled(clip.clone(), 0.7f));
            FixtureSpeech.write(normal.resolve("louder").resolve("clip-" + clips++ + ".wav"), scaled(clip, 1.3f));
        }
        TestAudioFiles.writeAiff(normal.resolve("louder").resolve("clip-" + clips++ + ".aiff"),
                Arrays.copyOfRange(speech, 2000, 2000 + 33075), FixtureSpeech.RATE);
        Files.writeString(normal.resolve("notes.txt"), "not audio", StandardCharsets.UTF_8);
        Path bundle = dir.resolve("dir.flowvox");
        Files.copy(Path.of("..", "models", "checks", "checks.flowvox"), bundle);

        CliRun calibrated = run("calibrate", "--model", bundle.toString(), normal.toString());

        assertEquals(0, calibrated.status(), calibrated.err());
        assertTrue(calibrated.out().contains("wrote the calibration into " + bundle), calibrated.out());
        assertTrue(calibrated.err().contains("flowvox calibrate: 1 audio files were converted on reading, e.g. "
                + normal.resolve("louder").resolve("clip-" + (clips - 1) + ".aiff") + ": decoded with javax.sound"),
                calibrated.err());
        assertTrue(calibrated.err().contains("no held-out speech given (--valid)"), calibrated.err());
        CliRun info = run("info", "-m", bundle.toString());
        assertTrue(info.out().contains("fitted on " + normal + " (" + clips + " clips)"), info.out());

        CliRun checked = run("check", "-m", bundle.toString(), normal.resolve("louder").toString());
        assertEquals(0, checked.status(), checked.err());
        assertEquals(1 + clips / 2 + 1, checked.out().split("\n").length, "a row per audio file: " + checked.out());

        CliRun both = run("calibrate", "--model", bundle.toString(), "--train", "data/corpus/train.tsv",
                normal.toString());
        assertEquals(1, both.status());
        assertTrue(both.err().contains("both as SPEECH arguments and as --train; expected one of them"), both.err());
        Path silent = Files.createDirectories(dir.resolve("silent"));
        CliRun none = run("calibrate", "--model", bundle.toString(), silent.toString());
        assertEquals(1, none.status());
        assertTrue(none.err().contains(silent + " holds no audio files; expected files ending in one of"), none.err());
    }

    /** {@code flowvox anomaly-eval} end to end, on directories of clips cut from the fixture speech. */
    @Test
    void anomalyEvalReportsEveryKindFromDirectories() throws Exception {
        float[] speech = FixtureSpeech.samples();
        Path train = Files.createDirectories(dir.resolve("train"));
        Path valid = Files.createDirectories(dir.resolve("valid"));
        int clip = 0;
        for (int start = 0; start + 33075 <= speech.length; start += 5000) {
            float[] cut = Arrays.copyOfRange(speech, start, start + 33075);
            FixtureSpeech.write((clip++ % 6 == 5 ? valid : train).resolve("clip-" + clip + ".wav"), cut);
        }
        Path out = dir.resolve("report");

        CliRun evaluated = run("anomaly-eval", "-m", Path.of("..", "models", "checks", "checks.flowvox").toString(),
                "--train", train.toString(), "--valid", valid.toString(), "--out", out.toString());

        assertEquals(0, evaluated.status(), evaluated.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(1 + 2 * (1 + AnomalyKind.values().length), summary.size(), "flow and baseline, clean and every "
                + "kind: " + summary);
        assertTrue(summary.stream().anyMatch(line -> line.startsWith("flow,hard-clipping,")), summary.toString());
        assertTrue(Files.readString(out.resolve("anomaly-eval.md")).contains("Calibrated on " + train), "the report "
                + "names its data");
        assertTrue(Files.size(out.resolve("roc-flow.png")) > 1000);
        long trainClips;
        try (var files = Files.list(train)) {
            trainClips = files.count();
        }
        assertTrue(evaluated.err().contains("flowvox anomaly-eval: " + trainClips + " calibration clips put the "
                + "threshold at the highest of their scores"), "too few clips for 1% are named: " + evaluated.err());
    }

    @Test
    void checkPrintsOneJsonObjectPerFile() throws Exception {
        float[] speech = FixtureSpeech.samples();
        Path noise = dir.resolve("noise.wav");
        FixtureSpeech.write(noise, AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(speech, 5512, 5512 + 33075),
                FixtureSpeech.RATE, 1));
        Path missing = dir.resolve("missing.wav");

        CliRun checked = run("check", "-m", Path.of("..", "models", "checks", "checks.flowvox").toString(), "--json",
                "--worst", "2", noise.toString(), missing.toString());

        assertEquals(1, checked.status(), "one file could not be checked: " + checked.err());
        String[] lines = checked.out().strip().split("\n");
        assertEquals(2, lines.length, checked.out() + checked.err());
        JsonObject judged = JsonParser.parseString(lines[0]).getAsJsonObject();
        assertEquals(noise.toString(), judged.get("file").getAsString());
        assertEquals("anomalous", judged.get("status").getAsString());
        assertTrue(judged.get("score").getAsDouble() > judged.get("threshold").getAsDouble(), lines[0]);
        assertEquals(2, judged.getAsJsonArray("worst_ranges").size(), lines[0]);
        assertEquals(1.5, judged.get("seconds").getAsDouble(), 0.01);
        CliRun failing = run("check", "-m", Path.of("..", "models", "checks", "checks.flowvox").toString(),
                "--fail-anomalous", "--json", noise.toString());
        assertEquals(2, failing.status(), "an anomalous file with --fail-anomalous: " + failing.err());
        JsonObject failed = JsonParser.parseString(lines[1]).getAsJsonObject();
        assertEquals("error", failed.get("status").getAsString());
        assertEquals(missing + ": no such file; expected an audio file", failed.get("error").getAsString());
    }

    /** Calibrating on prepared data that is not there names the script that prepares it. */
    @Test
    void missingPreparedDataNamesItsScript() throws Exception {
        Path bundle = dir.resolve("unprepared.flowvox");
        Files.copy(Path.of("..", "models", "checks", "checks.flowvox"), bundle);
        CliRun calibrated = run("calibrate", "-m", bundle.toString(), "--train", "data/words/calibrate.tsv");
        assertEquals(1, calibrated.status(), calibrated.err());
        assertEquals("flowvox calibrate: corpus manifest not found (scripts/prepare-words.sh writes it): "
                + "data/words/calibrate.tsv", calibrated.err().strip());
    }

    /** {@code check --server} on a server that wants TLS and a bearer token judges as the local check does. */
    @Test
    void checkScoresOnASecuredServer() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path bundle = Path.of("..", "models", "checks", "checks.flowvox");
        float[] speech = FixtureSpeech.samples();
        Path noise = dir.resolve("noise.wav");
        FixtureSpeech.write(noise, AnomalyKind.WHITE_NOISE.apply(Arrays.copyOfRange(speech, 5512, 5512 + 33075),
                FixtureSpeech.RATE, 1));
        VocoderServer server = VocoderServer.create(new ServerConfig(0, List.of(bundle), null, null, tls.certificate(),
                tls.key(), TokenSet.of(List.of("check-secret")), -1, new BatchPolicy(4, Duration.ZERO, 16), 1, 1, 4,
                StreamingConfig.DEFAULT, Limits.DEFAULT, Duration.ofSeconds(5))).start();
        try {
            String target = "localhost:" + server.port();
            CliRun remote = run("check", "--server", target, "--tls-ca", tls.certificate().toString(), "--token",
                    "check-secret", noise.toString());
            assertEquals(0, remote.status(), remote.err());
            CliRun local = run("check", "-m", bundle.toString(), noise.toString());
            String[] row = remote.out().split("\n")[1].split("\t");
            String[] expected = local.out().split("\n")[1].split("\t");
            assertEquals("anomalous", row[1], remote.out());
            assertEquals(expected[3], row[3], "the same score as the local check: " + local.out() + remote.out());

            CliRun refused = run("check", "--server", target, "--tls-ca", tls.certificate().toString(), "--token",
                    "wrong", noise.toString());
            assertEquals(1, refused.status(), refused.err());
            assertTrue(refused.err().startsWith("flowvox check: the server answered UNAUTHENTICATED"), refused.err());
            CliRun nobody = run("check", "--server", "localhost:1", noise.toString());
            assertEquals(1, nobody.status(), nobody.err());
            assertTrue(nobody.err().startsWith("flowvox check: no server answered (UNAVAILABLE"), nobody.err());
        } finally {
            server.close();
        }
    }

    private static float[] scaled(float[] x, float gain) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= gain;
        }
        return x;
    }
}
