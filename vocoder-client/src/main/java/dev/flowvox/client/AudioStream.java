// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.proto.v1.AudioChunk;

import io.grpc.Context;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The audio of one synthesis call as a blocking iterator: {@link #next()} waits for the next chunk
 * the server sends. Closing before the end cancels the call on the server (its queued work is
 * dropped). Not thread-safe: one consumer per stream.
 *
 * <pre>{@code
 * try (AudioStream audio = client.synthesizeStream(mel, options)) {
 *     while (audio.hasNext()) {
 *         AudioPiece piece = audio.next();
 *         speaker.write(piece.samples(), piece.sampleRate());
 *     }
 * }
 * }</pre>
 *
 * <p>A failed call throws {@link io.grpc.StatusRuntimeException} from {@code hasNext} or {@code next};
 * {@code Status.fromThrowable(e).getCode()} says why.
 */
public final class AudioStream implements Iterator<AudioPiece>, AutoCloseable {

    private final Context.CancellableContext context;
    private final Iterator<AudioChunk> chunks;
    private boolean finished;

    AudioStream(Context.CancellableContext context, Iterator<AudioChunk> chunks) {
        this.context = context;
        this.chunks = chunks;
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        boolean more = chunks.hasNext();
        if (!more) {
            finished = true;
        }
        return more;
    }

    @Override
    public AudioPiece next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the audio stream has ended");
        }
        AudioPiece piece = AudioPiece.decode(chunks.next());
        if (piece.last()) {
            awaitStatus();
            finished = true;
        }
        return piece;
    }

    /**
     * Waits for the call's status after the last chunk, so that the call ends as the server ends it
     * (OK, or the error it reports) rather than being cancelled by {@link #close()} while the status is
     * on its way.
     */
    private void awaitStatus() {
        if (chunks.hasNext()) {
            throw new IllegalStateException("the server sent audio after the chunk marked last");
        }
    }

    /** Cancels the call if chunks are still outstanding; idempotent. */
    @Override
    public void close() {
        context.cancel(null);
    }
}
