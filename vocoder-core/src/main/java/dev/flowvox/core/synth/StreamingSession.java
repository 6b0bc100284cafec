// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.flow.PitchPredictor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one streamed synthesis request: mel frames arrive in pieces ({@link #append}), audio
 * leaves in chunks ({@link Chunking}: a first chunk, then chunks of {@code chunkFrames · hop}
 * samples) as soon as {@code contextFrames} frames of right context exist (or the mel is complete).
 * Each chunk is synthesized over a window with {@code contextFrames} frames of context on both sides and the request's own latent ({@link LatentNoise},
 * a pure function of seed and sample group), so the concatenated chunks approximate one-pass
 * synthesis as closely as the context allows, and equal it exactly when the window covers the whole
 * mel. The flow's pitch predictor runs on the kept audio in order ({@link #keep}), carrying its
 * recursion from chunk to chunk, so it adds no difference of its own. Not thread-safe: one request,
 * one caller at a time.
 */
public final class StreamingSession {

    private final int nMel;
    private final int hop;
    private final int nGroup;
    private final Chunking chunking;
    private final double sigma;
    private final LatentNoise noise;
    private final PitchPredictor pitchPredictor;
    private final PitchPredictor.Synthesis pitchSynthesis;
    private final List<float[]> frames = new ArrayList<>();
    private float[] f0Hz = new float[0];
    private boolean[] voiced = new boolean[0];
    private int emittedFrames;
    private boolean complete;

    /**
     * Opens a session.
     *
     * @param nMel mel bands of the model
     * @param hop samples per frame
     * @param nGroup samples per group of the flow
     * @param chunking chunk sizes and context
     * @param sigma latent scale
     * @param seed noise seed
     * @param pitchPredictor the flow's pitch predictor
     */
    public StreamingSession(int nMel, int hop, int nGroup, Chunking chunking, double sigma, long seed,
            PitchPredictor pitchPredictor) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
        if (hop % nGroup != 0) {
            throw new IllegalArgumentException("streaming needs n_group to divide the hop; got n_group " + nGroup
                    + " and hop " + hop);
        }
        this.nMel = nMel;
        this.hop = hop;
        this.nGroup = nGroup;
        this.chunking = chunking;
        this.sigma = sigma;
        this.noise = new LatentNoise(seed, nGroup);
        this.pitchPredictor = pitchPredictor;
        this.pitchSynthesis = pitchPredictor.synthesis();
    }

    /**
     * Adds mel frames.
     *
     * @param mel {@code [n_mel][frames]}, finite
     * @throws IllegalStateException after {@link #finish()}
     */
    public void append(float[][] mel) {
        if (complete) {
            throw new IllegalStateException("the mel of this request is already complete");
        }
        int count = MelArrays.frames(mel);
        if (mel.length != nMel) {
            throw new IllegalArgumentException("mel has " + mel.length + " bands, the model expects " + nMel);
        }
        for (int t = 0; t < count; t++) {
            float[] column = new float[nMel];
            for (int band = 0; band < nMel; band++) {
                column[band] = mel[band][t];
            }
            frames.add(column);
        }
    }

    /** Marks the mel as complete: the remaining frames are emitted without right context. */
    public void finish() {
        complete = true;
    }

    /** Frames received so far. */
    public int receivedFrames() {
        return frames.size();
    }

    /** Whether every frame has been emitted and no more will come. */
    public boolean isDone() {
        return complete && emittedFrames == frames.size();
    }

    /**
     * The next window that can be synthesized now, if any; the session considers its frames emitted.
     *
     * @return the task, or {@code null} if more frames (or {@link #finish()}) are needed
     */
    public WindowTask nextTask() {
        int available = frames.size() - emittedFrames;
        int chunk = emittedFrames == 0 ? chunking.firstChunkFrames() : chunking.chunkFrames();
        int context = chunking.contextFrames();
        int lookahead = pitchPredictor.enabled() ? Math.max(1, context) : context;
        int emit;
        if (available >= chunk + lookahead) {
            emit = chunk;
        } else if (complete && available > 0) {
            emit = Math.min(chunk, available);
        } else {
            return null;
        }
        int start = Math.max(0, emittedFrames - context);
        int end = Math.min(frames.size(), emittedFrames + emit + context);
        WindowTask task = window(start, end, emittedFrames - start, emit);
        emittedFrames += emit;
        return task;
    }

    private WindowTask window(int start, int end, int keepFromFrame, int keepFrames) {
        int count = end - start;
        float[][] mel = new float[nMel][count];
        for (int t = 0; t < count; t++) {
            float[] column = frames.get(start + t);
            for (int band = 0; band < nMel; band++) {
                mel[band][t] = column[band];
            }
        }
        long firstSample = (long) start * hop;
        int groups = count * hop / nGroup;
        float[] latent = noise.draw(firstSample / nGroup, groups);
        if (sigma != 1) {
            for (int i = 0; i < latent.length; i++) {
                latent[i] *= (float) sigma;
            }
        }
        return new WindowTask(mel, latent, start, keepFromFrame * hop, (keepFromFrame + keepFrames) * hop);
    }

    /**
     * The audio a finished task contributes to the stream. Tasks must be kept in the order {@link
     * #nextTask} gave them.
     *
     * @param task the task
     * @param windowAudio the flow's output for the whole window ({@link Synthesizer#synthesizeBatch})
     * @return the kept samples, through the pitch predictor
     */
    public float[] keep(WindowTask task, float[] windowAudio) {
        float[] kept = Arrays.copyOfRange(windowAudio, task.keepFrom(), task.keepTo());
        if (!pitchPredictor.enabled()) {
            return kept;
        }
        long lastSample = (long) task.firstFrame() * hop + task.keepTo() - 1;
        trackPitchUpTo((int) Math.min(frames.size(), lastSample / hop + 2));
        return pitchSynthesis.next(kept, new PitchTrack(f0Hz, voiced));
    }

    /**
     * Extends the pitch track to the first {@code count} frames, as late as the predictor needs
     * them (the frames after a kept chunk's last sample): a long mel that arrives at once does not
     * delay the first audio by the whole mel's estimate.
     */
    private void trackPitchUpTo(int count) {
        int tracked = f0Hz.length;
        if (count <= tracked) {
            return;
        }
        float[][] mel = new float[nMel][count - tracked];
        for (int t = tracked; t < count; t++) {
            float[] column = frames.get(t);
            for (int band = 0; band < nMel; band++) {
                mel[band][t - tracked] = column[band];
            }
        }
        PitchTrack piece = pitchPredictor.track(mel);
        f0Hz = Arrays.copyOf(f0Hz, count);
        voiced = Arrays.copyOf(voiced, count);
        System.arraycopy(piece.f0Hz(), 0, f0Hz, tracked, count - tracked);
        System.arraycopy(piece.voiced(), 0, voiced, tracked, count - tracked);
    }
}
