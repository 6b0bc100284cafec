// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Applies a whole-signal transform (a resampler, a spectral denoiser, the synthesizer's mel
 * refinement) to a signal that arrives in pieces, so that the concatenated output equals the
 * transform of the whole signal up to float round-off.
 *
 * <p>The transform must be local: output sample {@code n} sits at input position {@code n · step /
 * outPerStep} and depends only on input within {@code margin} samples of it, and the transform must
 * be shift-invariant by multiples of {@code step} input samples (which give {@code outPerStep} output
 * samples), apart from what a {@link Transform} reads for its window's position. Each push then
 * transforms a window that starts on a multiple of {@code step} at least {@code margin} samples
 * before the first output still owed, and emits only output whose right dependencies have all
 * arrived; the signal's true ends are treated as the transform treats them. Output lags input by
 * about {@code margin} samples until {@link #finish()}.
 *
 * <p>Not thread-safe: one stream per request.
 */
public final class WindowedStream {

    /** A transform that may depend on where its input lies in the whole signal. */
    @FunctionalInterface
    public interface Transform {
        /**
         * @param window consecutive input samples
         * @param firstSample index of {@code window[0]} in the whole signal, a multiple of the stream's step
         * @return the transform of the window
         */
        float[] apply(float[] window, long firstSample);
    }

    private final Transform transform;
    private final IntUnaryOperator outputLength;
    private final int step;
    private final int outPerStep;
    private final int margin;
    private float[] buffer = new float[0];
    private long bufferStart;
    private long inputEnd;
    private long emitted;

    /**
     * @param transform the whole-signal transform
     * @param outputLength output length of the transform for an input length (both in samples)
     * @param step input samples per alignment unit, at least 1
     * @param outPerStep output samples per alignment unit, at least 1
     * @param margin input samples on each side an output sample may depend on, at least 0
     */
    public WindowedStream(UnaryOperator<float[]> transform, IntUnaryOperator outputLength, int step, int outPerStep,
            int margin) {
        this((window, firstSample) -> transform.apply(window), outputLength, step, outPerStep, margin);
    }

    /**
     * A stream whose transform knows where each window lies (for example to read per-frame data).
     *
     * @param transform the whole-signal transform, told each window's first sample
     * @param outputLength output length of the transform for an input length (both in samples)
     * @param step input samples per alignment unit, at least 1
     * @param outPerStep output samples per alignment unit, at least 1
     * @param margin input samples on each side an output sample may depend on, at least 0
     */
    public WindowedStream(Transform transform, IntUnaryOperator outputLength, int step, int outPerStep, int margin) {
        if (step < 1 || outPerStep < 1 || margin < 0) {
            throw new IllegalArgumentException("step " + step + ", outPerStep " + outPerStep + ", margin " + margin
                    + "; expected step >= 1, outPerStep >= 1, margin >= 0");
        }
        this.transform = transform;
        this.outputLength = outputLength;
        this.step = step;
        this.outPerStep = outPerStep;
        this.margin = margin;
    }

    /**
     * Adds input.
     *
     * @param input the next samples
     * @return the output that no longer depends on future input (possibly empty)
     */
    public float[] push(float[] input) {
        buffer = Arrays.copyOf(buffer, buffer.length + input.length);
        System.arraycopy(input, 0, buffer, buffer.length - input.length, input.length);
        inputEnd += input.length;
        long settled = Math.floorDiv((inputEnd - margin) * outPerStep, step);
        return emitUpTo(settled);
    }

    /**
     * Ends the input.
     *
     * @return the rest of the output
     */
    public float[] finish() {
        long base = bufferStart;
        long total = base / step * outPerStep + outputLength.applyAsInt(buffer.length);
        return emitUpTo(total);
    }

    private float[] emitUpTo(long end) {
        if (end <= emitted) {
            return new float[0];
        }
        float[] out = transform.apply(buffer, bufferStart);
        long offset = bufferStart / step * outPerStep;
        float[] result = Arrays.copyOfRange(out, (int) (emitted - offset), (int) (end - offset));
        emitted = end;
        trim();
        return result;
    }

    /** Drops input no future output depends on, keeping the window start on a multiple of {@code step}. */
    private void trim() {
        long needed = Math.max(0, emitted * step / outPerStep - margin);
        long start = needed / step * step;
        if (start > bufferStart) {
            buffer = Arrays.copyOfRange(buffer, (int) (start - bufferStart), buffer.length);
            bufferStart = start;
        }
    }
}
