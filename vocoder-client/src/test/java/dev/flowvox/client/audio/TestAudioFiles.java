// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Audio files in formats flowvox's own WAV reader refuses, for tests of the decoders behind it:
 * AIFF through javax.sound, anything else through ffmpeg. flowvox-cli's tests use it through this
 * module's test jar.
 */
public final class TestAudioFiles {

    private TestAudioFiles() {
    }

    /**
     * Writes a 16-bit mono AIFF file through javax.sound.
     *
     * @param path the file
     * @param samples the audio, in [-1, 1] (clamped to 16 bits)
     * @param sampleRate its rate, Hz
     * @throws IOException if writing fails
     */
    public static void writeAiff(Path path, float[] samples, int sampleRate) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.BIG_ENDIAN);
        for (float sample : samples) {
            pcm.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * 32768))));
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, true);
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length);
        AudioSystem.write(stream, AudioFileFormat.Type.AIFF, path.toFile());
    }

    /**
     * Converts an audio file with ffmpeg, which picks the format from the extension.
     *
     * @param from input file
     * @param to output file
     * @param options ffmpeg's output options, such as a codec ({@code "-c:a", "adpcm_ima_wav"})
     * @return {@code to}
     * @throws Exception if ffmpeg fails (the assertion carries its output)
     */
    public static Path convertWithFfmpeg(Path from, Path to, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
                from.toString()));
        command.addAll(List.of(options));
        command.add(to.toString());
        Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0, "ffmpeg failed: " + output);
        return to;
    }
}
