// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputTest {

    @Test
    void stereoIsDownmixedByAveragingAndReported() throws IOException {
        byte[] file = new WavBytes().format(1, 2, 22050, 16)
                .chunk("data", WavBytes.pcm16(16384, -8192, -32768, 32767, 100, 101)).build();

        LoadedAudio loaded = ModelInput.load(new ByteArrayInputStream(file), "stereo.wav", 22050);

        assertArrayEquals(new float[] {0.125f, -0.5f / 32768f, 100.5f / 32768f}, loaded.clip().samples());
        assertTrue(loaded.downmixed());
        assertFalse(loaded.resampled());
        assertEquals(List.of("downmixed 2 channels to mono by averaging"), loaded.warnings());
        assertEquals(2, loaded.source().channels());
    }

    @Test
    void otherRatesAreResampledToTheTargetLength() throws IOException {
        float[] samples = new float[44100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(new AudioClip(samples, 44100), WavEncoding.FLOAT_32, out);

        LoadedAudio loaded = ModelInput.load(new ByteArrayInputStream(out.toByteArray()), "a.wav", 22050);

        assertEquals(22050, loaded.clip().sampleRate());
        assertEquals(22050, loaded.clip().length());
        assertEquals(List.of("resampled 44100 Hz to 22050 Hz"), loaded.warnings());
        double expected = 0.5 * Math.sin(2 * Math.PI * 440 * 10000 / 22050.0);
        assertEquals(expected, loaded.clip().samples()[10000], 1e-4);
    }

    @Test
    void monoAtTheTargetRateIsPassedThroughWithoutWarnings() throws IOException {
        byte[] file = new WavBytes().format(1, 1, 22050, 16).chunk("data", WavBytes.pcm16(1, -1)).build();

        LoadedAudio loaded = ModelInput.load(new ByteArrayInputStream(file), "m.wav", 22050);

        assertEquals(new AudioClip(new float[] {1 / 32768f, -1 / 32768f}, 22050), loaded.clip());
        assertEquals(List.of(), loaded.warnings());
    }
}
