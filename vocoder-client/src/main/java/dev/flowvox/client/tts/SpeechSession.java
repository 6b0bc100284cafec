// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.client.AudioPiece;
import dev.flowvox.client.AudioStream;
import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.audio.AudioSink;
import dev.flowvox.proto.v1.SynthesisOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One utterance being spoken while its text still arrives. Text goes in with {@link #append}; each
 * sentence the {@link SentenceSplitter} completes goes at once to the front end (thread
 * {@code flowvox-tts-front-end}), whose mel is synthesized by the server while the front end works on
 * the next sentence; the audio goes to the sink chunk by chunk (thread {@code flowvox-tts-vocoder}).
 * {@link #finish()} ends the text, {@link #await()} waits for the last audio. The session closes the
 * sink when the audio is complete or the session fails. {@code append} and {@code finish} may be
 * called from any one thread.
 */
public final class SpeechSession implements AutoCloseable {

    private static final Sentence END = new Sentence(null, null);

    private final FrontEnd frontEnd;
    private final VocoderClient client;
    private final SynthesisOptions options;
    private final AudioSink sink;
    private final SentenceSplitter splitter;
    private final BlockingQueue<Sentence> sentences = new LinkedBlockingQueue<>();
    private final BlockingQueue<Sentence> mels = new ArrayBlockingQueue<>(2);
    private final CompletableFuture<SpeechSummary> done = new CompletableFuture<>();
    private final long openedNanos = System.nanoTime();
    private final Thread frontEndThread;
    private final Thread vocoderThread;
    private volatile AudioStream current;
    private volatile Exception failure;
    private volatile boolean failureReported;
    private boolean finished;

    SpeechSession(FrontEnd frontEnd, VocoderClient client, SynthesisOptions options, AudioSink sink,
            int maxSentenceChars) {
        this.frontEnd = frontEnd;
        this.client = client;
        this.options = options;
        this.sink = sink;
        this.splitter = new SentenceSplitter(maxSentenceChars);
        this.frontEndThread = new Thread(this::runFrontEnd, "flowvox-tts-front-end");
        this.vocoderThread = new Thread(this::runVocoder, "flowvox-tts-vocoder");
        frontEndThread.setDaemon(true);
        vocoderThread.setDaemon(true);
        frontEndThread.start();
        vocoderThread.start();
    }

    /**
     * Adds text; every sentence it completes starts on its way to the speaker at once.
     *
     * @param text the next piece (a token, a line, a document)
     * @throws IllegalStateException after {@link #finish()}
     */
    public synchronized void append(CharSequence text) {
        checkOpen();
        splitter.append(text).forEach(sentence -> sentences.add(new Sentence(sentence, null)));
    }

    /**
     * Adds one whole sentence (or, for {@link MelFileFrontEnd}, one mel file), bypassing the splitter;
     * text pending in the splitter goes first.
     *
     * @param sentence the sentence
     */
    public synchronized void appendSentence(String sentence) {
        checkOpen();
        splitter.finish().ifPresent(rest -> sentences.add(new Sentence(rest, null)));
        if (!sentence.isBlank()) {
            sentences.add(new Sentence(sentence.strip(), null));
        }
    }

    /** Ends the text: the pending text is the last sentence. Idempotent. */
    public synchronized void finish() {
        if (!finished) {
            finished = true;
            splitter.finish().ifPresent(rest -> sentences.add(new Sentence(rest, null)));
            sentences.add(END);
        }
    }

    /**
     * Waits until the last audio has reached the (closed) sink.
     *
     * @return what was spoken
     * @throws IOException if the front end or the sink failed
     * @throws io.grpc.StatusRuntimeException if a synthesis call failed
     * @throws InterruptedException if interrupted while waiting
     */
    public SpeechSummary await() throws IOException, InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            failureReported = true;
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** @return completes with the summary, or the failure, when the session ends */
    public CompletableFuture<SpeechSummary> completion() {
        return done;
    }

    /** Abandons the session: cancels synthesis in flight, drops queued sentences and closes the sink. */
    public void cancel() {
        fail(new IOException("speech session cancelled"));
    }

    /**
     * Finishes the text if not yet finished and waits for the audio. A failure that {@link #await()}
     * has already thrown is not thrown again (try-with-resources would otherwise meet it twice).
     *
     * @throws IOException as {@link #await()}
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void close() throws IOException, InterruptedException {
        finish();
        if (!failureReported) {
            await();
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("text added after finish(); expected all text before finish()");
        }
    }

    private void runFrontEnd() {
        try {
            for (Sentence next = sentences.take(); next != END; next = sentences.take()) {
                mels.put(new Sentence(next.text(), frontEnd.mel(next.text())));
            }
            mels.put(END);
        } catch (IOException | RuntimeException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runVocoder() {
        int spoken = 0;
        long frames = 0;
        long samples = 0;
        int rate = 0;
        Duration firstAudio = null;
        boolean sinkClosed = false;
        try {
            for (Sentence next = mels.take(); next != END; next = mels.take()) {
                try (AudioStream audio = client.synthesizeStream(next.mel(), options)) {
                    current = audio;
                    while (audio.hasNext()) {
                        AudioPiece piece = audio.next();
                        if (piece.length() > 0) {
                            sink.write(piece.samples(), piece.sampleRate());
                            firstAudio = firstAudio != null ? firstAudio
                                    : Duration.ofNanos(System.nanoTime() - openedNanos);
                            samples += piece.length();
                            rate = piece.sampleRate();
                        }
                    }
                }
                spoken++;
                frames += next.mel()[0].length;
            }
            sinkClosed = true;
            sink.close();
            done.complete(new SpeechSummary(spoken, frames, samples, rate, firstAudio));
        } catch (IOException | RuntimeException e) {
            fail(e);
        } catch (InterruptedException e) {
            fail(new IOException("speech session interrupted", e));
        } finally {
            if (!sinkClosed) {
                closeQuietly();
            }
        }
    }

    /** Ends the session with a failure: the vocoder thread stops and closes the sink. */
    private void fail(Exception e) {
        synchronized (done) {
            if (done.isDone()) {
                return;
            }
            failure = e;
        }
        done.completeExceptionally(e);
        AudioStream audio = current;
        if (audio != null) {
            audio.close();
        }
        frontEndThread.interrupt();
        vocoderThread.interrupt();
    }

    private void closeQuietly() {
        try {
            sink.close();
        } catch (IOException e) {
            Exception failed = failure;
            if (failed != null) {
                failed.addSuppressed(e);
            }
        }
    }

    /** A sentence, and its mel once the front end has made it. */
    private record Sentence(String text, float[][] mel) {
    }
}
