// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.audio.WavReader;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class BiasDenoiserTest extends NativeMemoryTest {

    @Test
    void nvidiaLayoutKeepsNvidiasZeroMelAndFrameRateFlowsUseSilence() {
        MelConfig mel = MelConfig.nvidia22050();
        assertEquals(0f, BiasDenoiser.referenceLevel(FlowConfig.publishedWaveGlow(), mel));
        assertEquals((float) Math.log(1e-5), BiasDenoiser.referenceLevel(FlowConfig.spectral(), mel), 1e-6);
        assertEquals((float) Math.log(1e-5), BiasDenoiser.referenceLevel(FlowConfig.compact(), mel), 1e-6);
    }

    /**
     * The shipped spectral flow's bias is measured at silence, so denoising at NVIDIA's default
     * strength leaves speech nearly untouched (with a zero mel as reference it removed most of it).
     */
    @Test
    void denoisingTheShippedModelKeepsTheSpeech() throws Exception {
        float[] speech = WavReader.read(Fixtures.path("speech-22050.wav")).channels()[0];
        try (VocoderModel model = ModelBundle.load(Path.of("..", "models", "default", "model.flowvox"), manager)) {
            MelConfig mel = model.info().mel();
            float[] audio = model.synthesizer().synthesize(new MelSpectrogram(mel).compute(speech), 0.7, 1);
            float[] denoised = BiasDenoiser.of(model.synthesizer(), model.info().flow(), mel).denoise(audio, 0.1);
            double change = meanDbChange(new Stft(mel.stft()).magnitude(audio),
                    new Stft(mel.stft()).magnitude(denoised));
            assertTrue(change < 1.0, "spectrum changed by " + change + " dB on average");
        }
    }

    /** Mean |dB difference| of two magnitude spectrograms over the bins within 80 dB of the first's peak. */
    private static double meanDbChange(float[][] before, float[][] after) {
        double peak = 0;
        for (float[] bin : before) {
            for (float v : bin) {
                peak = Math.max(peak, v);
            }
        }
        double floor = peak * 1e-4;
        double sum = 0;
        long count = 0;
        for (int k = 0; k < before.length; k++) {
            for (int t = 0; t < before[k].length; t++) {
                if (before[k][t] > floor) {
                    sum += Math.abs(20 * Math.log10(Math.max(after[k][t], floor) / before[k][t]));
                    count++;
                }
            }
        }
        return sum / count;
    }
}
