// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.WindowedStream;
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
 * recursion from chunk to chunk and following {@link MelRefinement#trackToSynthesize} once the
 * frames that decide it have arrived, so it adds no difference of its own; so does the {@link
 * MelRefinement}, whose output lags by its margin (the first chunk is that much longer, so that the
 * first audio still leaves after one window). Not thread-safe: one request, one caller at a time.
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
    private final MelRefinement refinement;
    private final WindowedStream refined;
    private final List<float[]> frames = new ArrayList<>();
    private final List<float[]> magnitudes = new ArrayList<>();
    private int magnitudesFrom;
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
     * @param refinement passes after the pitch predictor (possibly none)
     */
    public StreamingSession(int nMel, int hop, int nGroup, Chunking chunking, double sigma, long seed,
            PitchPredictor pitchPredictor, MelRefinement refinement) {
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
        this.pitchSynthesis = refinement.predictorSynthesis(pitchPredictor);
        this.refinement = refinement;
        this.refined = refinement.enabled()
                ? new WindowedStream(this::refine, length -> length, hop, hop, refinement.marginSamples())
                : null;
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
        int chunk = emittedFrames == 0 ? chunking.firstChunkFrames() + refinementLagFrames() : chunking.chunkFrames();
        int context = chunking.contextFrames();
        int lookahead = pitchPredictor.enabled()
                ? Math.max(1 + refinement.heldFrames(), context) : context;
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
     * @return the samples that are final now, through the pitch predictor and the refinement (the
     *     refinement holds back its margin until the request's last task)
     */
    public float[] keep(WindowTask task, float[] windowAudio) {
        float[] kept = Arrays.copyOfRange(windowAudio, task.keepFrom(), task.keepTo());
        long keptEnd = (long) task.firstFrame() * hop + task.keepTo();
        float[] audio = kept;
        if (pitchPredictor.enabled()) {
            int lastFrameUsed = (int) ((keptEnd - 1) / hop) + 1;
            trackPitchUpTo(Math.min(frames.size(), lastFrameUsed + 1 + refinement.heldFrames()));
            audio = pitchSynthesis.next(kept, refinement.trackToSynthesize(new PitchTrack(f0Hz, voiced)));
        }
        if (refined == null) {
            return audio;
        }
        float[] settled = refined.push(audio);
        if (!complete || keptEnd != (long) frames.size() * hop) {
            return settled;
        }
        float[] rest = refined.finish();
        float[] all = Arrays.copyOf(settled, settled.length + rest.length);
        System.arraycopy(rest, 0, all, settled.length, rest.length);
        return all;
    }

    /** Frames the refinement's output lags its input by, which the first chunk adds. */
    private int refinementLagFrames() {
        return (refinement.marginSamples() + hop - 1) / hop;
    }

    /**
     * The refinement of a window of the stream: its STFT frames get the targets of the mel frames
     * received so far; a frame past them keeps its magnitudes, as the last frame of the whole signal
     * does (it lies beyond the mel) and as frames too near the window's end to be emitted may.
     */
    private float[] refine(float[] window, long firstSample) {
        int first = (int) (firstSample / hop);
        int columns = Math.max(0, Math.min(window.length / hop + 1, frames.size() - first));
        float[][] targets = magnitudes(first, first + columns);
        dropMagnitudesBefore(first);
        return refinement.refine(window, targets);
    }

    /** Forgets the magnitudes of frames before {@code frame}: the stream no longer needs them. */
    private void dropMagnitudesBefore(int frame) {
        int drop = Math.min(magnitudes.size(), frame - magnitudesFrom);
        if (drop > 0) {
            magnitudes.subList(0, drop).clear();
            magnitudesFrom += drop;
        }
    }

    /**
     * The recovered magnitudes of frames {@code [from, to)}, each frame inverted once ({@code from}
     * at or after the frames already dropped: the refinement's windows only move forward, and pitch
     * tracking runs ahead of them).
     *
     * @return {@code [bins][to - from]}
     */
    private float[][] magnitudes(int from, int to) {
        int have = magnitudesFrom + magnitudes.size();
        if (to > have) {
            float[][] piece = refinement.targets(melColumns(have, to));
            for (int t = 0; t < to - have; t++) {
                float[] column = new float[piece.length];
                for (int k = 0; k < piece.length; k++) {
                    column[k] = piece[k][t];
                }
                magnitudes.add(column);
            }
        }
        float[][] out = new float[refinement.bins()][to - from];
        for (int t = from; t < to; t++) {
            float[] column = magnitudes.get(t - magnitudesFrom);
            for (int k = 0; k < column.length; k++) {
                out[k][t - from] = column[k];
            }
        }
        return out;
    }

    private float[][] melColumns(int from, int to) {
        float[][] mel = new float[nMel][to - from];
        for (int t = from; t < to; t++) {
            float[] column = frames.get(t);
            for (int band = 0; band < nMel; band++) {
                mel[band][t - from] = column[band];
            }
        }
        return mel;
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
        PitchTrack piece = pitchPredictor.trackMagnitudes(magnitudes(tracked, count));
        if (refined == null) {
            dropMagnitudesBefore(count);
        }
        f0Hz = Arrays.copyOf(f0Hz, count);
        voiced = Arrays.copyOf(voiced, count);
        System.arraycopy(piece.f0Hz(), 0, f0Hz, tracked, count - tracked);
        System.arraycopy(piece.voiced(), 0, voiced, tracked, count - tracked);
    }
}
