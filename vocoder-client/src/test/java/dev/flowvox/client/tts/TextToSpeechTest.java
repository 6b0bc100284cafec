// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.client.TestServers;
import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.audio.AudioSink;
import dev.flowvox.client.audio.WavFileSink;
import dev.flowvox.core.audio.DecodedWav;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.server.VocoderServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The text-to-speech pipeline against a real server on a loopback port with a tiny random model. */
class TextToSpeechTest {

    private static final String END_OF_TEXT = "\u0000end";

    @TempDir
    static Path dir;
    private static VocoderServer server;
    private static VocoderClient client;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(EspeakFrontEnd.isInstalled("espeak-ng"),
                "espeak-ng is missing: run scripts/install-system-deps.sh (scripts/test.sh does)");
        server = TestServers.start(dir);
        client = VocoderClient.builder().setTarget("localhost:" + server.port()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static TextToSpeech tts(FrontEnd frontEnd) {
        return TextToSpeech.builder().setClient(client).setFrontEnd(frontEnd)
                .optSynthesisOptions(SynthesisOptions.newBuilder().setChunkFrames(16).build()).build();
    }

    @Test
    void espeakSentenceStreamedToWavFileHasFramesTimesHopSamples() throws Exception {
        String sentence = "The quick brown fox jumps over the lazy dog.";
        int frames = new EspeakFrontEnd().mel(sentence)[0].length;
        Path wav = dir.resolve("fox.wav");
        SpeechSummary summary = tts(new EspeakFrontEnd()).speak(sentence, new WavFileSink(wav));
        DecodedWav written = WavReader.read(wav);
        assertTrue(frames > 50, "about two seconds of speech: " + frames + " frames");
        assertEquals(frames * 256, written.info().frames());
        assertEquals(22050, written.info().sampleRate());
        assertEquals(1, summary.sentences());
        assertEquals(frames, summary.melFrames());
        assertEquals(frames * 256L, summary.samples());
    }

    @Test
    void melFilesOfBothNvidiaShapesGiveTheirFramesTimesHopAtTheRequestedRate() throws Exception {
        float[][] first = TestServers.mel(40, 1);
        float[][] second = TestServers.mel(25, 2);
        NpyArray.ofMatrix(first).write(dir.resolve("first.npy"));
        new NpyArray(new int[] {1, 80, 25}, NpyArray.ofMatrix(second).data()).write(dir.resolve("second.npy"));
        List<float[]> pieces = Collections.synchronizedList(new ArrayList<>());
        TextToSpeech tts = TextToSpeech.builder().setClient(client).setFrontEnd(new MelFileFrontEnd(dir))
                .optSynthesisOptions(SynthesisOptions.newBuilder().setSampleRate(16000).build()).build();
        SpeechSummary summary;
        try (SpeechSession session = tts.open((samples, rate) -> pieces.add(samples.clone()))) {
            session.appendSentence("first.npy");
            session.appendSentence("second.npy");
            session.finish();
            summary = session.await();
        }
        long expected = Math.round(40 * 256 * 16000 / 22050.0) + Math.round(25 * 256 * 16000 / 22050.0);
        assertEquals(expected, pieces.stream().mapToLong(p -> p.length).sum());
        assertEquals(expected, summary.samples());
        assertEquals(16000, summary.sampleRate());
        assertEquals(65, summary.melFrames());
    }

    @Test
    void firstAudioArrivesBeforeTheLastSentenceIsSupplied() throws Exception {
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        Iterator<String> stream = new Iterator<>() {
            private String next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = tokens.take();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return !next.equals(END_OF_TEXT);
            }

            @Override
            public String next() {
                hasNext();
                String token = next;
                next = null;
                return token;
            }
        };
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> firstAudio = new CompletableFuture<>();
        AudioSink sink = (samples, rate) -> {
            if (!firstAudio.isDone()) {
                events.add("audio");
                firstAudio.complete(null);
            }
        };
        ExecutorService speaker = Executors.newSingleThreadExecutor();
        try {
            Future<SpeechSummary> spoken = speaker.submit(() -> tts(new EspeakFrontEnd()).speak(stream, sink));
            for (String token : new String[] {"Hello", " there", ",", " my", " friend", ".", " And"}) {
                tokens.put(token);
            }
            events.add("first sentence supplied");
            firstAudio.get(60, TimeUnit.SECONDS);
            events.add("last sentence supplied");
            for (String token : new String[] {" goodbye", " now", ".", END_OF_TEXT}) {
                tokens.put(token);
            }
            SpeechSummary summary = spoken.get(60, TimeUnit.SECONDS);
            assertEquals(List.of("first sentence supplied", "audio", "last sentence supplied"), events);
            assertEquals(2, summary.sentences());
            assertEquals(summary.melFrames() * 256, summary.samples());
        } finally {
            speaker.shutdownNow();
        }
    }

    @Test
    void missingMelFileFailsTheSessionNamingTheFile() {
        TextToSpeech tts = tts(new MelFileFrontEnd(dir));
        IOException e = assertThrows(IOException.class, () -> tts.speak("absent.npy", (samples, rate) -> { }));
        assertTrue(e.getMessage().contains("absent.npy"), e.getMessage());
    }

    /** The session's failure reaches the caller once, as itself, through try-with-resources. */
    @Test
    void aFailedSessionClosedByTryWithResourcesThrowsItsOwnFailure() {
        TextToSpeech tts = tts(new MelFileFrontEnd(dir));
        IOException e = assertThrows(IOException.class, () -> {
            try (SpeechSession session = tts.open((samples, rate) -> { })) {
                session.appendSentence("absent.npy");
                session.finish();
                session.await();
            }
        });
        assertTrue(e.getMessage().contains("absent.npy"), e.getMessage());
        assertEquals(0, e.getSuppressed().length, "reported once");
    }
}
