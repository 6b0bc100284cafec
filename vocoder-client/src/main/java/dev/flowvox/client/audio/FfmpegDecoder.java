// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.client.ProgramProbe;
import dev.flowvox.core.audio.AudioClip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Decodes what the system's {@code ffmpeg} reads (MP3, Ogg Vorbis and Opus, FLAC, AAC/M4A, WebM, the
 * soundtrack of a video) to mono float samples at a chosen rate, by piping the bytes through it:
 * {@code ffmpeg -i pipe:0 -map a:0 -ac 1 -ar RATE -f f32le pipe:1}. Nothing is downloaded; without
 * {@code ffmpeg} on the PATH the error names the command that installs it.
 */
public final class FfmpegDecoder {

    /** How to install ffmpeg on Debian or Ubuntu. */
    public static final String INSTALL = "scripts/install-system-deps.sh ffmpeg (or: sudo apt-get install -y ffmpeg)";

    private static final long TIMEOUT_SECONDS = 300;

    private FfmpegDecoder() {
    }

    /**
     * Whether an {@code ffmpeg} runs on this machine.
     *
     * @return true when {@code ffmpeg -version} succeeds
     */
    public static boolean available() {
        return ProgramProbe.runs("ffmpeg", "-version");
    }

    /** Thrown by {@link #decode} when no {@code ffmpeg} runs on this machine; the message names how to install it. */
    public static final class NotInstalledException extends IOException {

        private static final long serialVersionUID = 1L;

        NotInstalledException(String source, IOException cause) {
            super("cannot decode " + source + ": ffmpeg is not installed; install it with " + INSTALL, cause);
        }
    }

    /**
     * Decodes a whole file's first audio stream.
     *
     * @param file the file's bytes
     * @param source a name for error messages
     * @param sampleRate the rate to decode to, Hz
     * @return mono samples at {@code sampleRate}
     * @throws NotInstalledException if ffmpeg is missing
     * @throws IOException if ffmpeg fails (its own message is given) or finds no audio
     */
    public static AudioClip decode(byte[] file, String source, int sampleRate) throws IOException {
        List<String> command = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "pipe:0",
                "-map", "a:0", "-ac", "1", "-ar", Integer.toString(sampleRate), "-f", "f32le", "pipe:1");
        Path errors = Files.createTempFile("flowvox-ffmpeg", ".log");
        try {
            Process ffmpeg;
            try {
                ffmpeg = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new NotInstalledException(source, e);
            }
            Thread feeder = new Thread(() -> feed(ffmpeg, file), "flowvox-ffmpeg-input");
            feeder.setDaemon(true);
            feeder.start();
            FutureTask<byte[]> output = new FutureTask<>(() -> ffmpeg.getInputStream().readAllBytes());
            Thread reader = new Thread(output, "flowvox-ffmpeg-output");
            reader.setDaemon(true);
            reader.start();
            if (!ffmpeg.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                throw new IOException("ffmpeg did not finish decoding " + source + " within " + TIMEOUT_SECONDS + " s");
            }
            feeder.join();
            byte[] samples = samples(output, source);
            String message = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (ffmpeg.exitValue() != 0 || samples.length == 0) {
                throw new IOException("ffmpeg cannot decode " + source + ": "
                        + (message.isEmpty() ? "it holds no audio" : message.lines().reduce((a, b) -> b).orElse("")));
            }
            float[] audio = new float[samples.length / Float.BYTES];
            ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(audio);
            return new AudioClip(audio, sampleRate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg decoded " + source, e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static byte[] samples(FutureTask<byte[]> output, String source) throws IOException, InterruptedException {
        try {
            return output.get();
        } catch (ExecutionException e) {
            throw new IOException("cannot read ffmpeg's output for " + source + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Writes the file to ffmpeg's input; if ffmpeg stops reading early, its exit status tells why. */
    private static void feed(Process ffmpeg, byte[] file) {
        try (OutputStream in = ffmpeg.getOutputStream()) {
            in.write(file);
        } catch (IOException stoppedReading) {
            return;
        }
    }
}
