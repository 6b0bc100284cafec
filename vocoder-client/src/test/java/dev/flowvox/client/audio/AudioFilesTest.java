// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.AudioFormatException;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One 16 kHz tone in WAV, AIFF and FLAC, each read at 22050 Hz through the decoder that reads it. */
class AudioFilesTest {

    private static final int RATE = 16000;
    private static final int TARGET = 22050;
    private static final String RESAMPLED = "resampled 16000 Hz to 22050 Hz";

    @TempDir
    static Path dir;
    private static float[] tone;
    private static Path wav;
    private static AudioClip fromWav;

    @BeforeAll
    static void readTheWavFile() throws IOException {
        tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / RATE));
        }
        wav = dir.resolve("tone.wav");
        WavWriter.write(new AudioClip(tone, RATE), WavEncoding.PCM_16, wav);
        fromWav = AudioFiles.load(wav, TARGET).clip();
    }

    @Test
    void wavIsReadByFlowvoxAndResampledWithOneWarning() throws IOException {
        AudioFiles.Loaded audio = AudioFiles.load(wav, TARGET);

        assertEquals(List.of(RESAMPLED), audio.warnings());
        assertEquals(TARGET, audio.clip().sampleRate());
        assertEquals(TARGET, audio.clip().length());
        assertEquals(0.4 * Math.sin(2 * Math.PI * 330 * 10000 / (double) TARGET), audio.clip().samples()[10000], 1e-3);
    }

    @Test
    void aStudioRateWavComesDownToTheModelRate() throws IOException {
        float[] studio = new float[96000];
        for (int i = 0; i < studio.length; i++) {
            studio[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / 96000.0));
        }
        Path file = dir.resolve("studio.wav");
        WavWriter.write(new AudioClip(studio, 96000), WavEncoding.FLOAT_32, file);

        AudioFiles.Loaded audio = AudioFiles.load(file, TARGET);

        assertEquals(List.of("resampled 96000 Hz to 22050 Hz"), audio.warnings());
        assertEquals(TARGET, audio.clip().length());
        assertEquals(0.4 * Math.sin(2 * Math.PI * 330 * 10000 / (double) TARGET), audio.clip().samples()[10000], 1e-3);
    }

    @Test
    void aiffIsDecodedByJavaSoundThenResampled() throws IOException {
        Path aiff = dir.resolve("tone.aiff");
        TestAudioFiles.writeAiff(aiff, tone, RATE);

        AudioFiles.Loaded audio = AudioFiles.load(aiff, TARGET);

        assertEquals(2, audio.warnings().size(), audio.warnings().toString());
        assertEquals("decoded with javax.sound (not a WAV file)", audio.warnings().get(0));
        assertEquals(RESAMPLED, audio.warnings().get(1));
        assertEquals(TARGET, audio.clip().sampleRate());
        assertEquals(fromWav.length(), audio.clip().length());
        assertEquals(0, maxDifference(fromWav.samples(), audio.clip().samples()), 1e-4,
                "the same tone in 16 bits");
    }

    @Test
    void flacIsDecodedByFfmpegAtTheTargetRate() throws Exception {
        assumeTrue(FfmpegDecoder.available(), "ffmpeg is not installed; " + FfmpegDecoder.INSTALL);
        Path flac = TestAudioFiles.convertWithFfmpeg(wav, dir.resolve("tone.flac"));

        AudioFiles.Loaded audio = AudioFiles.load(flac, TARGET);

        assertEquals(1, audio.warnings().size(), "ffmpeg resamples as it decodes: " + audio.warnings());
        assertEquals("decoded with ffmpeg (not a WAV file)", audio.warnings().get(0));
        assertEquals(TARGET, audio.clip().sampleRate());
        assertEquals(TARGET, audio.clip().length());
        float[] middle = Arrays.copyOfRange(audio.clip().samples(), 1000, 21000);
        float[] expected = Arrays.copyOfRange(fromWav.samples(), 1000, 21000);
        assertEquals(0, maxDifference(expected, middle), 1e-4,
                "ffmpeg's resampler against flowvox's, away from the ends where their filters differ");
    }

    @Test
    void aWavInAnEncodingTheWavReaderRefusesIsDecodedWithItsReason() throws Exception {
        assumeTrue(FfmpegDecoder.available(), "ffmpeg is not installed; " + FfmpegDecoder.INSTALL);
        Path adpcm = TestAudioFiles.convertWithFfmpeg(wav, dir.resolve("tone-adpcm.wav"), "-c:a", "adpcm_ima_wav");

        AudioFiles.Loaded audio = AudioFiles.load(adpcm, TARGET);

        assertTrue(audio.warnings().get(0).startsWith("decoded with ffmpeg, as flowvox's WAV reader does not read this "
                + "WAV: "), audio.warnings().get(0));
        assertTrue(audio.warnings().get(0).contains(adpcm.toString()), audio.warnings().get(0));
        int length = audio.clip().length();
        assertTrue(length >= TARGET && length < TARGET + 505 * TARGET / RATE, "one second, and at most the rest of the "
                + "last ADPCM block of 505 samples, which pads it: " + length);
        assertEquals(0.4 * Math.sin(2 * Math.PI * 330 * 10000 / (double) TARGET), audio.clip().samples()[10000], 0.02,
                "4-bit ADPCM keeps the tone to within a few percent");
    }

    @Test
    void bytesThatAreNotAudioKeepTheWavReadersMessage() {
        byte[] text = "not audio at all".getBytes(StandardCharsets.US_ASCII);

        IOException e = assertThrows(AudioFormatException.class, () -> AudioFiles.load(text, "notes.txt", TARGET));

        assertTrue(e.getMessage().startsWith("not a WAV file: notes.txt starts with 'not '"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 'RIFF'...'WAVE'"), e.getMessage());
        assertTrue(suppressedMessages(e).stream().anyMatch(m -> m.startsWith("cannot read audio from notes.txt: ")),
                "javax.sound's reason is kept: " + suppressedMessages(e));
    }

    @Test
    void bytesThatAreNotAudioKeepFfmpegsReasonToo() {
        assumeTrue(FfmpegDecoder.available(), "ffmpeg is not installed; " + FfmpegDecoder.INSTALL);
        byte[] text = "not audio at all".getBytes(StandardCharsets.US_ASCII);

        IOException e = assertThrows(AudioFormatException.class, () -> AudioFiles.load(text, "notes.txt", TARGET));

        assertFalse(e.getMessage().contains("not installed"), e.getMessage());
        assertTrue(suppressedMessages(e).stream().anyMatch(m -> m.startsWith("ffmpeg cannot decode notes.txt: ")),
                "ffmpeg's reason is kept: " + suppressedMessages(e));
    }

    @Test
    void aDirectoryIsRefusedByName(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> AudioFiles.load(dir, TARGET));
        assertEquals(dir + " is a directory; expected an audio file", e.getMessage());
    }

    @Test
    void aTargetRateBelowOneHertzIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioFiles.load(new byte[0], "empty.wav", 0));
        assertEquals("target rate 0 Hz for empty.wav; expected > 0", e.getMessage());
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static List<String> suppressedMessages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable suppressed : e.getSuppressed()) {
            messages.add(suppressed.getMessage());
            messages.addAll(suppressedMessages(suppressed));
        }
        return messages;
    }
}
