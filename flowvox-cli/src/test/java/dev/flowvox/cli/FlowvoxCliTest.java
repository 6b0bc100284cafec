// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import static dev.flowvox.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import dev.flowvox.client.audio.FfmpegDecoder;
import dev.flowvox.client.audio.TestAudioFiles;
import dev.flowvox.core.audio.DecodedWav;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.NvidiaConfig;
import dev.flowvox.core.npy.NpyArray;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs the command line end to end on the NVIDIA fixture model and fixture speech. */
class FlowvoxCliTest {

    private static Path fixtures;

    @TempDir
    static Path dir;

    @BeforeAll
    static void locateFixtures() {
        fixtures = Path.of(System.getProperty("flowvox.fixtures", "../../shared/fixtures"));
    }

    @Test
    void importThenVocodeTheFixtureMelWritesFramesTimesHopSamples() throws Exception {
        Path bundle = dir.resolve("tiny.flowvox");
        CliRun imported = run("import-waveglow", "--weights", fixtures.resolve("waveglow-tiny.weights.npz").toString(),
                "--config", fixtures.resolve("waveglow-tiny.config.json").toString(), "--out", bundle.toString());
        assertEquals(0, imported.status(), imported.err());
        assertEquals("NVIDIA WaveGlow imported from waveglow-tiny.weights.npz",
                ModelBundle.info(BundleArchive.read(bundle)).provenance().description());

        Path mel = dir.resolve("tiny-mel.npy");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList io = NDList.decode(manager, Files.readAllBytes(fixtures.resolve("waveglow-tiny.io.npz")));
            float[] values = io.get("mel").toFloatArray();
            new NpyArray(new int[] {1, 8, 12}, values).write(mel);
        }
        Path wav = dir.resolve("tiny.wav");
        CliRun vocoded = run("vocode", "-m", bundle.toString(), "--mel", mel.toString(), "-o", wav.toString(),
                "--sigma", "0.6", "--seed", "3");
        assertEquals(0, vocoded.status(), vocoded.err());
        DecodedWav out = WavReader.read(wav);
        assertEquals(12 * 256, out.info().frames());
        assertEquals(22050, out.info().sampleRate());
        assertTrue(vocoded.out().contains("x real time"), vocoded.out());

        CliRun info = run("info", "-m", bundle.toString());
        assertTrue(info.out().contains(", 4 flow steps (") && info.out().contains("trainable parameters"), info.out());
        assertTrue(info.out().contains("calibration: none (anomaly checks need one: flowvox calibrate)"), info.out());
    }

    /**
     * Without --config the shape is read off the weights: the fixture's state_dict, and a training
     * checkpoint as NVIDIA's train.py writes it with torch.save (vocoder-core's test fixture).
     */
    @Test
    void importReadsTheConfigurationOffTheWeightsAndTakesTorchFiles() throws Exception {
        Path fromNumpy = dir.resolve("inferred.flowvox");
        CliRun imported = run("import-waveglow", "--weights", fixtures.resolve("waveglow-tiny.weights.npz").toString(),
                "--out", fromNumpy.toString());
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.err().contains("configuration read off the weights: n_mel_channels 8, n_flows 4, n_group 8,"
                + " n_early_every 2, n_early_size 2, WN n_layers 3, n_channels 16, kernel_size 3"), imported.err());
        assertEquals(NvidiaConfig.read(fixtures.resolve("waveglow-tiny.config.json")),
                ModelBundle.info(BundleArchive.read(fromNumpy)).flow());

        Path torch = Path.of("..", "vocoder-core", "src", "test", "resources", "torch");
        Path fromTorch = dir.resolve("torch.flowvox");
        CliRun pt = run("import-waveglow", "--weights", torch.resolve("tiny-train-zip.pt").toString(),
                "--out", fromTorch.toString());
        assertEquals(0, pt.status(), pt.err());
        assertEquals(NvidiaConfig.read(torch.resolve("tiny.config.json")), ModelBundle.info(BundleArchive.read(fromTorch))
                .flow());

        CliRun notWeights = run("import-waveglow", "--weights", fixtures.resolve("speech-22050.wav").toString(),
                "--out", dir.resolve("x.flowvox").toString());
        assertEquals(1, notWeights.status());
        assertTrue(notWeights.err().contains("speech-22050.wav is neither a torch.save file nor a NumPy .npz archive"),
                notWeights.err());

        CliRun wrongConfig = run("import-waveglow", "--weights", torch.resolve("tiny-state-dict-half.pt").toString(),
                "--config", fixtures.resolve("waveglow-tiny.config.json").toString(), "--out",
                dir.resolve("y.flowvox").toString());
        assertEquals(1, wrongConfig.status());
        assertTrue(wrongConfig.err().contains("the weights' own shapes say n_mel_channels 4, n_flows 4, n_group 8, "
                + "n_early_every 2, n_early_size 2, WN n_layers 3, n_channels 8, kernel_size 5; leave out --config"),
                wrongConfig.err());
    }

    @Test
    void melCommandWritesTheNvidiaMelOfTheWav() throws Exception {
        Path npy = dir.resolve("speech.npy");
        Path wav = fixtures.resolve("speech-22050.wav");
        CliRun result = run("mel", wav.toString(), npy.toString());
        assertEquals(0, result.status(), result.err());
        NpyArray written = NpyArray.read(npy);
        assertArrayEquals(new int[] {80, 585}, written.shape());
        float[][] expected = new MelSpectrogram(MelConfig.nvidia22050()).compute(WavReader.read(wav).channels()[0]);
        assertArrayEquals(expected[40], written.toMatrix()[40], 0f);
    }

    /** AIFF, which javax.sound reads, gives the WAV's mel but for TarsosDSP's scale of 1/32767 (3e-5 in log). */
    @Test
    void melCommandReadsAiffThroughJavaSound() throws Exception {
        Path aiff = dir.resolve("speech.aiff");
        float[] speech = FixtureSpeech.samples();
        TestAudioFiles.writeAiff(aiff, speech, FixtureSpeech.RATE);
        Path npy = dir.resolve("speech-aiff.npy");
        CliRun result = run("mel", aiff.toString(), npy.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().startsWith("flowvox mel: " + aiff + ": decoded with javax.sound (not a WAV file)"),
                result.err());
        NpyArray written = NpyArray.read(npy);
        assertArrayEquals(new int[] {80, 585}, written.shape());
        float[][] expected = new MelSpectrogram(MelConfig.nvidia22050()).compute(speech);
        assertArrayEquals(expected[40], written.toMatrix()[40], 1e-4f);
    }

    @Test
    void scorePrintsNatsPerSampleForEachFile() throws Exception {
        Path bundle = tinyBundle("score-tiny.flowvox");
        CliRun result = run("score", "-m", bundle.toString(), "--segments", "1.0", fixtures.resolve("speech-22050.wav").toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().matches("(?s).*speech-22050\\.wav\\t-?\\d+\\.\\d{4} nats/sample.*"), result.out());
        assertEquals(7, result.out().lines().filter(l -> l.contains(" s\t")).count(), result.out());

        CliRun oneMissing = run("score", "-m", bundle.toString(), dir.resolve("absent.wav").toString(),
                fixtures.resolve("speech-22050.wav").toString());
        assertEquals(1, oneMissing.status(), oneMissing.err());
        assertTrue(oneMissing.out().contains("speech-22050.wav\t") && oneMissing.err().contains("absent.wav: ")
                && oneMissing.err().contains("1 of 2 files could not be scored"), oneMissing.out() + oneMissing.err());

        Path folder = Files.createDirectories(dir.resolve("score-dir/nested"));
        Files.copy(fixtures.resolve("speech-22050.wav"), folder.resolve("b.wav"));
        Files.copy(fixtures.resolve("speech-22050.wav"), folder.getParent().resolve("a.wav"));
        Files.writeString(folder.resolve("notes.txt"), "not audio");
        CliRun directory = run("score", "-m", bundle.toString(), folder.getParent().toString());
        assertEquals(0, directory.status(), directory.err());
        List<String> scored = directory.out().lines().toList();
        assertEquals(2, scored.size(), directory.out());
        assertTrue(scored.get(0).startsWith(folder.getParent().resolve("a.wav") + "\t")
                && scored.get(1).startsWith(folder.resolve("b.wav") + "\t"), directory.out());

        CliRun refused = run("score", "-m", bundle.toString(), "--segments", "0", fixtures.resolve("speech-22050.wav")
                .toString());
        assertTrue(refused.status() != 0 && refused.err().contains("--segments 0.0; expected a positive length"),
                refused.err());
    }

    @Test
    void scoreReadsFlacThroughFfmpegAndGivesTheWavsScore() throws Exception {
        assumeTrue(FfmpegDecoder.available(), "ffmpeg is not installed; " + FfmpegDecoder.INSTALL);
        Path bundle = tinyBundle("flac-tiny.flowvox");
        Path wav = fixtures.resolve("speech-22050.wav");
        Path flac = TestAudioFiles.convertWithFfmpeg(wav, dir.resolve("speech.flac"));
        CliRun result = run("score", "-m", bundle.toString(), wav.toString(), flac.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("flowvox score: " + flac + ": decoded with ffmpeg (not a WAV file)"),
                result.err());
        assertFalse(result.err().contains(wav.toString()), "the WAV file needs no warning: " + result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result.out());
        assertTrue(lines.get(1).startsWith(flac + "\t"), result.out());
        assertEquals(lines.get(0).substring(wav.toString().length()), lines.get(1).substring(flac.toString().length()),
                "FLAC is lossless and ffmpeg scales 16-bit samples by 1/32768 as flowvox does");
    }

    @Test
    void vocodeResynthesizesAnAiffFileAtAnotherRate() throws Exception {
        Path bundle = tinyBundle("aiff-tiny.flowvox");
        float[] oneSecond = Arrays.copyOf(FixtureSpeech.samples(), FixtureSpeech.RATE);
        Path aiff = dir.resolve("one-second-16k.aiff");
        TestAudioFiles.writeAiff(aiff, new Resampler(FixtureSpeech.RATE, 16000).resample(oneSecond), 16000);
        Path wav = dir.resolve("one-second-vocoded.wav");
        CliRun vocoded = run("vocode", "-m", bundle.toString(), aiff.toString(), "-o", wav.toString(),
                "--sigma", "0.6");
        assertEquals(0, vocoded.status(), vocoded.err());
        int decoded = vocoded.err().indexOf("flowvox vocode: " + aiff + ": decoded with javax.sound (not a WAV file)");
        int resampled = vocoded.err().indexOf("flowvox vocode: " + aiff + ": resampled 16000 Hz to 22050 Hz");
        assertTrue(decoded >= 0 && resampled > decoded, vocoded.err());
        DecodedWav out = WavReader.read(wav);
        assertEquals(22050, out.info().sampleRate());
        assertEquals((22050 / 256 + 1) * 256, out.info().frames(),
                "256 samples per mel frame of the second resampled back to 22050 samples");
    }

    @Test
    void badInputGivesOneLineAndStatusOne() throws Exception {
        Path bundle = tinyBundle("bad-tiny.flowvox");
        Path eighty = dir.resolve("eighty.npy");
        new NpyArray(new int[] {80, 4}, new float[320]).write(eighty);
        CliRun wrongBands = run("vocode", "-m", bundle.toString(), "--mel", eighty.toString(), "-o", dir.resolve("x.wav").toString());
        assertEquals(1, wrongBands.status());
        assertTrue(wrongBands.err().contains("mel has 80 bands, the model expects 8"), wrongBands.err());

        Path decibels = dir.resolve("decibels.npy");
        float[] values = new float[8 * 4];
        Arrays.fill(values, 40f);
        new NpyArray(new int[] {8, 4}, values).write(decibels);
        CliRun tooLoud = run("vocode", "-m", bundle.toString(), "--mel", decibels.toString(), "-o", dir.resolve("y.wav").toString());
        assertEquals(1, tooLoud.status());
        assertTrue(tooLoud.err().startsWith("flowvox vocode: mel value 40.0 at band 0, frame 0 is above ")
                && tooLoud.err().contains("is this mel in decibels or on another scale?"), tooLoud.err());
        assertFalse(Files.exists(dir.resolve("y.wav")), "nothing is written for a refused mel");

        CliRun missing = run("score", "-m", dir.resolve("nope.flowvox").toString(), "a.wav");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("model bundle not found"), missing.err());

        CliRun pitchAlone = run("train", "--run", dir.resolve("run").toString(), "--steps", "1", "--pitch-gain", "0.9");
        assertEquals(1, pitchAlone.status());
        assertTrue(pitchAlone.err().contains("--pitch-gain applies when a run starts --from a checkpoint; no --from was given"),
                pitchAlone.err());

        CliRun intoDirectory = run("vocode", fixtures.resolve("speech-22050.wav").toString(), "-o", dir.toString());
        assertEquals(1, intoDirectory.status());
        assertTrue(intoDirectory.err().contains("-o " + dir + " is a directory; expected a file to write"),
                intoDirectory.err());
        CliRun speakIntoDirectory = run("speak", "Hello.", "-o", dir.toString());
        assertEquals(1, speakIntoDirectory.status());
        assertTrue(speakIntoDirectory.err().contains("is a directory") && !speakIntoDirectory.err().contains("in-process"),
                "refused before a server starts: " + speakIntoDirectory.err());
        CliRun nowhere = run("mel", fixtures.resolve("speech-22050.wav").toString(), dir.resolve("no/such/x.npy").toString());
        assertTrue(nowhere.err().contains("the directory " + dir.resolve("no/such") + " does not exist"), nowhere.err());

        CliRun noSteps = run("train", "--run", dir.resolve("run").toString(), "--steps", "0");
        assertEquals(1, noSteps.status());
        assertTrue(noSteps.err().contains("--steps 0; expected the step count to reach, at least 1"), noSteps.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written for a refused run");
    }

    @Test
    void trainJoinsTheManifestsItIsGiven() throws Exception {
        Path speech = fixtures.resolve("speech-22050.wav").toAbsolutePath();
        String header = "path\tsamples\tseconds\tsource\n";
        Path first = Files.writeString(dir.resolve("first.tsv"), header + speech + "\n");
        Path second = Files.writeString(dir.resolve("second.tsv"), header + speech + "\n" + speech + "\n");
        Path config = Files.writeString(dir.resolve("small.json"), "{\"n_mel_channels\": 80, \"n_flows\": 2, "
                + "\"n_group\": 8, \"n_early_every\": 4, \"n_early_size\": 2, "
                + "\"WN_config\": {\"n_layers\": 2, \"n_channels\": 8, \"kernel_size\": 3}}");
        Path runDir = dir.resolve("joined-run");

        CliRun train = run("train", "--flow-config", config.toString(), "--train", first + "," + second,
                "--valid", first.toString(), "--run", runDir.toString(), "--steps", "2", "--batch", "2",
                "--segment", "4096", "--validate-every", "2", "--checkpoint-every", "2");

        assertEquals(0, train.status(), train.err());
        assertTrue(train.err().contains("loading corpus " + first + " + " + second + " ..."), train.err());
        assertTrue(train.err().contains("training on 3 clips"), train.err());
        CliRun info = run("info", "-m", runDir.resolve("model.flowvox").toString());
        assertTrue(info.out().contains(first + " + " + second + " (3 clips"), info.out());
    }

    @Test
    void speedReportsMedianAndFastestRunOfEachLength() throws Exception {
        Path bundle = tinyBundle("speed-tiny.flowvox");
        CliRun speed = run("speed", "-m", bundle.toString(), "--seconds", "0.1,0.5", "--runs", "5", "--warmup", "0.2");
        assertEquals(0, speed.status(), speed.err());
        String[] lines = speed.out().split("\n");
        assertTrue(lines[0].startsWith("machine: "), speed.out());
        assertEquals("| utterance (s) | median synthesis time (ms) | x real time | fastest run (ms) | x real time, fastest |",
                lines[1]);
        for (int row = 3; row <= 4; row++) {
            String[] cells = lines[row].split("\\|");
            double median = Double.parseDouble(cells[2].trim());
            double fastest = Double.parseDouble(cells[4].trim());
            assertTrue(fastest > 0 && fastest <= median, lines[row]);
            double medianFactor = Double.parseDouble(cells[3].trim());
            double fastestFactor = Double.parseDouble(cells[5].trim());
            double rounding = 0.05 * (1 / median + 1 / medianFactor + 1 / fastest + 1 / fastestFactor);
            assertEquals(median * medianFactor, fastest * fastestFactor, rounding * median * medianFactor,
                    "both factors divide the same audio duration: " + lines[row]);
        }
        assertTrue(lines[3].startsWith("| 0.10 |") && lines[4].startsWith("| 0.50 |"), speed.out());

        CliRun noRuns = run("speed", "-m", bundle.toString(), "--runs", "0");
        assertTrue(noRuns.status() != 0 && noRuns.err().contains("expected at least one run"), noRuns.err());
        CliRun noRanges = run("check", "-m", bundle.toString(), "--worst", "-1", fixtures.resolve("speech-22050.wav")
                .toString());
        assertTrue(noRanges.status() != 0 && noRanges.err().contains("--worst -1; expected 0 or more"), noRanges.err());
    }

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            for (String command : Main.commandLine().getSubcommands().keySet()) {
                CliRun help = run(command, "--help");
                assertEquals(0, help.status(), command + " --help");
                assertTrue(help.out().contains("Usage: flowvox " + command), command + ": " + help.out());
            }
        } finally {
            System.setErr(original);
        }
        String warnings = picocliWarnings.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("Could not format"), warnings);
    }

    /** Imports the tiny fixture WaveGlow into a bundle of that name in the test directory. */
    private static Path tinyBundle(String name) {
        Path bundle = dir.resolve(name);
        CliRun imported = run("import-waveglow", "--weights", fixtures.resolve("waveglow-tiny.weights.npz").toString(),
                "--config", fixtures.resolve("waveglow-tiny.config.json").toString(), "--out", bundle.toString());
        assertEquals(0, imported.status(), imported.err());
        return bundle;
    }
}
