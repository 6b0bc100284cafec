// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.audio.AudioClip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Formats beyond flowvox's own WAV reader, written by the JDK and read back. */
public class AudioStreamsTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    /** Telephony's G.711 WAV files: µ-law and A-law keep a 440 Hz tone to within their quantization. */
    @Test
    void g711WavFilesAreExpandedToTheirTone() throws IOException {
        float[] tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        for (AudioFormat.Encoding encoding : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW,
                AudioFormat.Encoding.ALAW}) {
            Path file = dir.resolve(encoding + ".wav");
            write(tone, encoding, AudioFileFormat.Type.WAVE, file);
            AudioClip clip = AudioStreams.read(file);
            assertEquals(RATE, clip.sampleRate());
            assertEquals(tone.length, clip.samples().length);
            double signal = 0;
            double error = 0;
            for (int i = 0; i < tone.length; i++) {
                signal += tone[i] * tone[i];
                error += (tone[i] - clip.samples()[i]) * (tone[i] - clip.samples()[i]);
            }
            double snr = 10 * Math.log10(signal / error);
            assertTrue(snr > 30, encoding + ": SNR " + snr + " dB; G.711 keeps about 38 dB");
        }
    }

    /**
     * Writes samples through the JDK's G.711 encoder into an audio file at 8 kHz.
     *
     * @param samples mono samples in [-1, 1] at 8 kHz
     * @param encoding {@code ULAW} or {@code ALAW}
     * @param type the file type, e.g. {@code WAVE} or {@code AU}
     * @param file the file
     * @throws IOException if writing fails
     */
    public static void write(float[] samples, AudioFormat.Encoding encoding, AudioFileFormat.Type type, Path file)
            throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : samples) {
            pcm.putShort((short) Math.round(sample * 32767));
        }
        AudioFormat linear = new AudioFormat(RATE, 16, 1, true, false);
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm.array()), linear, samples.length);
        AudioFormat g711 = new AudioFormat(encoding, RATE, 8, 1, 1, RATE, false);
        AudioSystem.write(AudioSystem.getAudioInputStream(g711, source), type, file.toFile());
    }
}
