// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Formats only ffmpeg reads, made by ffmpeg itself from a WAV file. {@code scripts/test.sh} installs it. */
public class FfmpegDecoderTest {

    private static final int RATE = 16000;

    @TempDir
    static Path dir;
    private static float[] tone;
    private static Path wav;

    @BeforeAll
    static void write() throws IOException {
        assertTrue(FfmpegDecoder.available(), "ffmpeg is missing; run " + FfmpegDecoder.INSTALL);
        tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / RATE) * Math.min(1, i / 800.0));
        }
        wav = dir.resolve("tone.wav");
        WavWriter.write(new AudioClip(tone, RATE), WavEncoding.PCM_16, wav);
    }

    @Test
    void flacDecodesToTheSamplesItHolds() throws Exception {
        AudioClip clip = FfmpegDecoder.decode(Files.readAllBytes(encode("flac")), "tone.flac", RATE);

        assertEquals(RATE, clip.sampleRate());
        assertEquals(tone.length, clip.samples().length);
        for (int i = 0; i < tone.length; i++) {
            assertEquals(tone[i], clip.samples()[i], 1.0 / 32768, "sample " + i);
        }
    }

    @Test
    void mp3IsDecodedAtTheRateAsked() throws Exception {
        AudioClip clip = FfmpegDecoder.decode(Files.readAllBytes(encode("mp3")), "tone.mp3", 22050);

        assertEquals(22050, clip.sampleRate());
        double seconds = clip.samples().length / 22050.0;
        assertTrue(seconds > 0.99 && seconds < 1.1, seconds + " s; MP3 pads a frame at most");
        double energy = 0;
        for (float sample : clip.samples()) {
            energy += sample * sample;
        }
        assertEquals(0.075, energy / clip.samples().length, 0.012,
                "mean square of a 0.4 sine (0.08), a little less for its fade-in and the encoder's leading silence");
    }

    @Test
    void bytesThatAreNotAudioGiveFfmpegsReason() {
        IOException e = assertThrows(IOException.class, () -> FfmpegDecoder.decode(
                "no audio here".getBytes(StandardCharsets.US_ASCII), "notes.txt", RATE));
        assertTrue(e.getMessage().startsWith("ffmpeg cannot decode notes.txt: "), e.getMessage());
    }

    /**
     * The tone file converted by ffmpeg.
     *
     * @param extension the format, by file extension
     * @return the file
     * @throws Exception if ffmpeg fails
     */
    static Path encode(String extension) throws Exception {
        return TestAudioFiles.convertWithFfmpeg(wav, dir.resolve("tone." + extension));
    }

}
