// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @Test
    void pcm16FileRoundTripIsExactForMultiplesOfOneOver32768(@TempDir Path dir) throws IOException {
        float[] samples = new float[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = ((i * 7919) % 65536 - 32768) / 32768f;
        }
        AudioClip clip = new AudioClip(samples, 16000);
        Path file = dir.resolve("pcm.wav");

        WavWriter.write(clip, WavEncoding.PCM_16, file);
        DecodedWav back = WavReader.read(file);

        assertEquals(new WavInfo(1, 16000, WavEncoding.PCM_16, 1000), back.info());
        assertArrayEquals(samples, back.channels()[0]);
        assertEquals(44 + 2000, file.toFile().length());
    }

    @Test
    void pcm16RoundsToNearestAndClipsToTheInt16Range() throws IOException {
        float[] samples = {1.4f / 32768, 1.6f / 32768, -1.6f / 32768, 1.0f, 1.7f, -1.0f, -1.2f};
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavWriter.write(new AudioClip(samples, 22050), WavEncoding.PCM_16, out);

        ByteBuffer data = ByteBuffer.wrap(out.toByteArray(), 44, samples.length * 2)
                .order(ByteOrder.LITTLE_ENDIAN);
        short[] written = new short[samples.length];
        data.asShortBuffer().get(written);
        assertArrayEquals(new short[] {1, 2, -2, 32767, 32767, -32768, -32768}, written);
    }

    @Test
    void float32StreamRoundTripIsBitExactIncludingOvershoot() throws IOException {
        float[] samples = {0f, 0.1f, -0.3333f, 1.25f, -1.5f, 1e-9f};
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavWriter.write(new AudioClip(samples, 44100), WavEncoding.FLOAT_32, out);
        DecodedWav back = WavReader.read(new ByteArrayInputStream(out.toByteArray()), "mem");

        assertEquals(new WavInfo(1, 44100, WavEncoding.FLOAT_32, samples.length), back.info());
        assertArrayEquals(samples, back.channels()[0]);
    }
}
