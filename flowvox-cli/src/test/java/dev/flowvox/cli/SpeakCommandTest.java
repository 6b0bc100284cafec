// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import static dev.flowvox.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;

import dev.flowvox.client.audio.SpeakerSink;
import dev.flowvox.core.audio.DecodedWav;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.core.npy.NpyArray;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code flowvox speak} end to end: front end, in-process (or given) server, WAV file. */
class SpeakCommandTest {

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        FlowConfig tiny = new FlowConfig(80, 4, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                new WaveNetConfig(2, 32, 3, true));
        model = dir.resolve("tiny.flowvox");
        try (NDManager manager = NDManager.newBaseManager();
                FlowParameters parameters = FlowParameters.initialize(tiny, manager, new Initialization(1, 1.0))) {
            ModelBundle.save(model, new ModelInfo(tiny, MelConfig.nvidia22050(), 1.0,
                    Provenance.now("random speak-test model", Map.of())), parameters);
        }
    }

    @Test
    void espeakTextBecomesAWavOfWholeFramesFromAnInProcessServer() throws Exception {
        Path wav = dir.resolve("espeak.wav");
        CliRun result = run("speak", "Hello there.", "How are you today?", "--front-end", "espeak", "-o", wav.toString(),
                "-m", model.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("started an in-process server with " + model), result.err());
        assertTrue(result.out().contains("2 sentences"), result.out());
        DecodedWav written = WavReader.read(wav);
        assertEquals(22050, written.info().sampleRate());
        assertTrue(written.info().frames() > 22050, "over a second of speech: " + written.info().frames());
        assertEquals(0, written.info().frames() % 256, "whole mel frames of 256 samples");
    }

    @Test
    void maryTtsTextBecomesAWavOfWholeFrames() throws Exception {
        Path wav = dir.resolve("mary.wav");
        CliRun result = run("speak", "Hello from Mary.", "--front-end", "marytts", "-o", wav.toString(),
                "-m", model.toString());
        assertEquals(0, result.status(), result.err());
        DecodedWav written = WavReader.read(wav);
        assertTrue(written.info().frames() > 11025, "over half a second: " + written.info().frames());
        assertEquals(0, written.info().frames() % 256);
    }

    @Test
    void melFilesThroughAGivenServerAtSixteenKilohertzHaveTheResampledLength() throws Exception {
        Path mel = dir.resolve("mel.npy");
        NpyArray.ofMatrix(new float[80][43]).write(mel);
        Path wav = dir.resolve("mel.wav");
        try (LoopbackServer server = LoopbackServer.start(model)) {
            CliRun result = run("speak", "--front-end", "mel", mel.toString(), mel.toString(), "--server",
                    server.target(), "--sample-rate", "16000", "-o", wav.toString());
            assertEquals(0, result.status(), result.err());
            assertTrue(!result.err().contains("in-process"), result.err());
        }
        assertEquals(2 * Math.round(43 * 256 * 16000 / 22050.0), WavReader.read(wav).info().frames());
    }

    @Test
    void rawPcmOnStandardOutputIsTheWavsSamplesAndNothingElse() throws Exception {
        Path wav = dir.resolve("raw.wav");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        CliRun result;
        System.setOut(new PrintStream(stdout, true));
        try {
            result = run("speak", "Raw samples.", "--front-end", "espeak", "--raw", "-o", wav.toString(),
                    "-m", model.toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.out(), "with --raw the report goes to standard error");
        float[] samples = WavReader.read(wav).channels()[0];
        byte[] raw = stdout.toByteArray();
        assertEquals(2 * samples.length, raw.length, "s16le: two bytes per sample");
        ByteBuffer pcm = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], pcm.getShort() / 32768f, 1e-6f, "sample " + i);
        }
    }

    @Test
    void playWithoutAnAudioDeviceSaysSoAndStillWritesTheFile() throws Exception {
        Optional<String> unavailable = SpeakerSink.unavailableReason(22050);
        assumeTrue(unavailable.isPresent(), "this machine has an audio device");
        Path wav = dir.resolve("play.wav");
        CliRun result = run("speak", "No speakers here.", "--front-end", "espeak", "--play", "-o", wav.toString(),
                "-m", model.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("flowvox speak: not playing: " + unavailable.get()), result.err());
        assertTrue(WavReader.read(wav).info().frames() > 0);
    }

    @Test
    void noOutputChosenIsRejectedNamingTheChoices() {
        CliRun result = run("speak", "Hello.", "-m", model.toString());
        assertEquals(1, result.status());
        assertEquals("flowvox speak: no output; expected -o OUT.wav, --raw or --play", result.err().strip());
    }

    @Test
    void blankTextIsRejectedBeforeAnyServerStarts() {
        CliRun result = run("speak", " ", "-o", dir.resolve("blank.wav").toString(), "-m", model.toString());
        assertEquals(1, result.status());
        assertEquals("flowvox speak: the text is blank; expected words to speak", result.err().strip());
        assertFalse(Files.exists(dir.resolve("blank.wav")), "nothing is written");
    }
}
