// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.codec;

import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.dsp.StftConfig;
import dev.flowvox.core.dsp.WindowedStream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What happens to synthesized audio of one request before it is encoded: the optional denoiser, then
 * resampling to the requested rate. Audio enters in chunks at the model's rate; what leaves equals
 * denoising and resampling the whole utterance at once (up to float round-off), delayed by the
 * stages' context: {@code filter_length + hop} samples for the denoiser and about 64 / cutoff input
 * samples for the resampler (its documented 64 zero crossings per side). Not thread-safe: one per
 * request.
 */
public final class OutputPipeline {

    /** Zero crossings per side of {@link Resampler}'s Kaiser-sinc, per its documentation. */
    private static final int RESAMPLER_ZERO_CROSSINGS = 64;
    /** The resampler's cutoff is at least this fraction of the lower Nyquist frequency (0.95 today). */
    private static final double RESAMPLER_MIN_ROLLOFF = 0.9;

    private final List<WindowedStream> stages;

    private OutputPipeline(List<WindowedStream> stages) {
        this.stages = stages;
    }

    /**
     * Builds the stages a request needs.
     *
     * @param modelRate rate of the synthesized audio, Hz
     * @param outputRate requested rate, Hz, in [8000, 48000]
     * @param stft framing of the denoiser's STFT (the model's mel framing)
     * @param denoiser whole-signal denoiser at the requested strength, or null for none
     * @return the pipeline
     */
    public static OutputPipeline create(int modelRate, int outputRate, StftConfig stft, UnaryOperator<float[]> denoiser) {
        List<WindowedStream> stages = new ArrayList<>();
        if (denoiser != null) {
            stages.add(new WindowedStream(denoiser, length -> length, stft.hopLength(), stft.hopLength(),
                    stft.fftSize() + stft.hopLength()));
        }
        if (outputRate != modelRate) {
            Resampler resampler = new Resampler(modelRate, outputRate);
            int gcd = BigInteger.valueOf(modelRate).gcd(BigInteger.valueOf(outputRate)).intValueExact();
            double ratio = Math.min(1.0, (double) outputRate / modelRate);
            int margin = (int) Math.ceil(RESAMPLER_ZERO_CROSSINGS / (RESAMPLER_MIN_ROLLOFF * ratio)) + 2;
            stages.add(new WindowedStream(resampler::resample, resampler::outputLength, modelRate / gcd,
                    outputRate / gcd, margin));
        }
        return new OutputPipeline(stages);
    }

    /**
     * Feeds the next synthesized audio.
     *
     * @param audio samples at the model's rate
     * @return processed samples at the output rate that are final (possibly empty)
     */
    public float[] push(float[] audio) {
        float[] out = audio;
        for (WindowedStream stage : stages) {
            out = stage.push(out);
        }
        return out;
    }

    /**
     * Ends the utterance.
     *
     * @return the remaining processed samples
     */
    public float[] finish() {
        float[] out = new float[0];
        for (WindowedStream stage : stages) {
            float[] pushed = stage.push(out);
            float[] rest = stage.finish();
            out = concat(pushed, rest);
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
