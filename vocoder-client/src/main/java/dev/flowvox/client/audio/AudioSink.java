// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import java.io.IOException;

/**
 * Where synthesized audio goes, piece by piece, in order. A lambda is a callback sink:
 * {@code AudioSink sink = (samples, rate) -> queue.add(samples);}. The pipeline calls
 * {@link #write} from one thread at a time and {@link #close()} once at the end.
 */
@FunctionalInterface
public interface AudioSink extends AutoCloseable {

    /**
     * Takes the next samples.
     *
     * @param samples mono audio, nominally in [-1, 1]; the sink must not keep the array after returning
     *     unless it copies it
     * @param sampleRate their rate, Hz; the same for every call of one utterance
     * @throws IOException if the audio cannot be delivered
     */
    void write(float[] samples, int sampleRate) throws IOException;

    /**
     * Ends the audio: flushes, finishes files, releases devices. Default: nothing.
     *
     * @throws IOException if finishing fails
     */
    @Override
    default void close() throws IOException {
    }
}
