// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import java.util.List;
import java.util.function.Consumer;

/**
 * Chunked synthesis for one caller: feeds a {@link StreamingSession} and runs its windows one at a
 * time on a {@link Synthesizer}. (A server batches windows of many sessions instead.)
 */
public final class StreamingSynthesizer {

    private final Synthesizer synthesizer;
    private final Chunking chunking;

    /**
     * @param synthesizer the model
     * @param chunking chunk sizes and context
     */
    public StreamingSynthesizer(Synthesizer synthesizer, Chunking chunking) {
        this.synthesizer = synthesizer;
        this.chunking = chunking;
    }

    /**
     * Opens a session for one request.
     *
     * @param sigma latent scale
     * @param seed noise seed
     * @return the session
     */
    public StreamingSession open(double sigma, long seed) {
        return synthesizer.openStream(chunking, sigma, seed);
    }

    /**
     * Synthesizes every window the session can produce now and hands each chunk to {@code sink}.
     *
     * @param session the request
     * @param sink receives audio chunks in order
     * @return samples emitted
     */
    public long drain(StreamingSession session, Consumer<float[]> sink) {
        long samples = 0;
        for (WindowTask task = session.nextTask(); task != null; task = session.nextTask()) {
            float[] chunk = session.keep(task, synthesizer.synthesizeBatch(List.of(task)).get(0));
            samples += chunk.length;
            sink.accept(chunk);
        }
        return samples;
    }
}
