// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.dsp.Resampler;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.dsp.StftConfig;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

class OutputPipelineTest {

    private static final StftConfig STFT = new StftConfig(1024, 256, 1024);

    private static float[] noise(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.1 * random.nextGaussian());
        }
        return x;
    }

    /** Feeds the signal in chunks of {@code chunk} samples and concatenates the output. */
    private static float[] streamed(OutputPipeline pipeline, float[] input, int chunk) {
        float[] out = new float[0];
        for (int from = 0; from < input.length; from += chunk) {
            out = concat(out, pipeline.push(Arrays.copyOfRange(input, from, Math.min(input.length, from + chunk))));
        }
        return concat(out, pipeline.finish());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void chunkedResamplingEqualsResamplingTheWholeSignal() {
        float[] input = noise(40 * 256 + 77, 1);
        for (int rate : new int[] {8000, 16000, 44100, 48000}) {
            float[] whole = new Resampler(22050, rate).resample(input);
            float[] chunked = streamed(OutputPipeline.create(22050, rate, STFT, null), input, 2048);
            float difference = maxDifference(whole, chunked);
            assertTrue(difference < 1e-5, rate + " Hz: max difference " + difference);
        }
    }

    @Test
    void chunkedDenoisingThenResamplingEqualsTheWholeSignalPipeline() {
        float[] input = noise(50 * 256, 2);
        float[] bias = new float[STFT.bins()];
        Arrays.fill(bias, 0.05f);
        SpectralDenoiser whole = new SpectralDenoiser(STFT, bias);
        SpectralDenoiser perCall = new SpectralDenoiser(STFT, bias);
        float[] expected = new Resampler(22050, 16000).resample(whole.denoise(input, 0.5));
        float[] chunked = streamed(OutputPipeline.create(22050, 16000, STFT, audio -> perCall.denoise(audio, 0.5)),
                input, 8 * 256);
        float difference = maxDifference(expected, chunked);
        assertTrue(difference < 1e-5, "max difference " + difference);
    }

    @Test
    void withoutStagesAudioPassesThroughUnchanged() {
        float[] input = noise(1000, 3);
        float[] out = streamed(OutputPipeline.create(22050, 22050, STFT, null), input, 100);
        assertEquals(0f, maxDifference(input, out));
    }
}
