// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.audio.AudioSink;
import dev.flowvox.proto.v1.SynthesisOptions;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;

/**
 * Text-to-speech over a flowvox server: text → sentences ({@link SentenceSplitter}) → mel
 * ({@link FrontEnd}) → streamed synthesis ({@link VocoderClient}) → {@link AudioSink}. Speaking starts
 * as soon as the first sentence is complete, while later text is still arriving.
 *
 * <pre>{@code
 * try (VocoderClient client = VocoderClient.builder().setTarget("localhost:50051").build();
 *         FrontEnd espeak = new EspeakFrontEnd()) {
 *     TextToSpeech tts = TextToSpeech.builder().setClient(client).setFrontEnd(espeak).build();
 *     tts.speak("Hello there. How are you?", new WavFileSink(Path.of("hello.wav")));
 *
 *     // an LLM's token stream: each sentence is spoken as soon as it is complete
 *     try (SpeechSession session = tts.open(new SpeakerSink())) {
 *         for (String token : llm.stream(prompt)) {
 *             session.append(token);
 *         }
 *     }   // close() = finish() + await()
 * }
 * }</pre>
 *
 * Immutable and thread-safe; every session has its own threads. The front end is shared by the
 * sessions: give each concurrent session its own pipeline if the front end is slow.
 */
public final class TextToSpeech {

    private final VocoderClient client;
    private final FrontEnd frontEnd;
    private final SynthesisOptions options;
    private final int maxSentenceChars;

    private TextToSpeech(Builder builder) {
        this.client = builder.client;
        this.frontEnd = builder.frontEnd;
        this.options = builder.options;
        this.maxSentenceChars = builder.maxSentenceChars;
    }

    /** @return a builder; {@code setClient} and {@code setFrontEnd} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a session whose text arrives later.
     *
     * @param sink where the audio goes; the session closes it at the end
     * @return the session
     */
    public SpeechSession open(AudioSink sink) {
        return new SpeechSession(frontEnd, client, options, sink, maxSentenceChars);
    }

    /**
     * Speaks a whole text and waits for the last audio.
     *
     * @param text the text
     * @param sink where the audio goes; closed at the end
     * @return what was spoken
     * @throws IOException if the front end or the sink fails
     * @throws InterruptedException if interrupted
     */
    public SpeechSummary speak(String text, AudioSink sink) throws IOException, InterruptedException {
        return speak(List.of(text).iterator(), sink);
    }

    /**
     * Speaks text that arrives in pieces (an LLM's tokens); {@code next()} may block until the next
     * piece exists. Each sentence is spoken as soon as it is complete.
     *
     * @param pieces the text, in order
     * @param sink where the audio goes; closed at the end
     * @return what was spoken
     * @throws IOException if the front end or the sink fails
     * @throws InterruptedException if interrupted
     */
    public SpeechSummary speak(Iterator<? extends CharSequence> pieces, AudioSink sink)
            throws IOException, InterruptedException {
        SpeechSession session = open(sink);
        try {
            while (pieces.hasNext() && !session.completion().isDone()) {
                session.append(pieces.next());
            }
        } catch (RuntimeException e) {
            session.cancel();
            throw e;
        }
        session.finish();
        return session.await();
    }

    /**
     * Speaks text read from a stream as it arrives (e.g. standard input fed by another program).
     *
     * @param text the text; read to its end, not closed
     * @param sink where the audio goes; closed at the end
     * @return what was spoken
     * @throws IOException if reading, the front end or the sink fails
     * @throws InterruptedException if interrupted
     */
    public SpeechSummary speak(Reader text, AudioSink sink) throws IOException, InterruptedException {
        SpeechSession session = open(sink);
        char[] buffer = new char[512];
        try {
            for (int n = text.read(buffer); n >= 0 && !session.completion().isDone(); n = text.read(buffer)) {
                session.append(new String(buffer, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            session.cancel();
            throw e;
        }
        session.finish();
        return session.await();
    }

    /** Builds a {@link TextToSpeech}. */
    public static final class Builder {

        private VocoderClient client;
        private FrontEnd frontEnd;
        private SynthesisOptions options = SynthesisOptions.getDefaultInstance();
        private int maxSentenceChars = SentenceSplitter.DEFAULT_MAX_CHARS;

        private Builder() {
        }

        /**
         * @param vocoderClient the server connection (required)
         * @return this
         */
        public Builder setClient(VocoderClient vocoderClient) {
            this.client = vocoderClient;
            return this;
        }

        /**
         * @param acousticFrontEnd sentence → mel (required)
         * @return this
         */
        public Builder setFrontEnd(FrontEnd acousticFrontEnd) {
            this.frontEnd = acousticFrontEnd;
            return this;
        }

        /**
         * Synthesis options for every sentence (model, σ, seed, output rate, chunk size…). Default: the
         * server's defaults (PCM16 at the model's rate, the model's recommended σ, seed 0). Smaller
         * {@code chunk_frames} give the first audio sooner.
         *
         * @param synthesisOptions the options
         * @return this
         */
        public Builder optSynthesisOptions(SynthesisOptions synthesisOptions) {
            this.options = synthesisOptions;
            return this;
        }

        /**
         * Longest sentence before it is cut at a comma or space. Default
         * {@link SentenceSplitter#DEFAULT_MAX_CHARS} (300).
         *
         * @param chars characters, at least 20
         * @return this
         */
        public Builder optMaxSentenceChars(int chars) {
            if (chars < 20) {
                throw new IllegalArgumentException("max sentence length " + chars + " characters; expected >= 20");
            }
            this.maxSentenceChars = chars;
            return this;
        }

        /**
         * @return the pipeline
         * @throws IllegalStateException naming a missing required setting
         */
        public TextToSpeech build() {
            if (client == null) {
                throw new IllegalStateException("no client; call setClient(VocoderClient) before build()");
            }
            if (frontEnd == null) {
                throw new IllegalStateException("no front end; call setFrontEnd(FrontEnd) before build()");
            }
            if (options == null) {
                throw new IllegalStateException("synthesis options are null; expected options or the default instance");
            }
            return new TextToSpeech(this);
        }
    }
}
