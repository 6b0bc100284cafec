// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.core.audio.AudioClip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        try {
            Process probe = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Decodes a whole file's first audio stream.
     *
     * @param file the file's bytes
     * @param source a name for error messages
     * @param sampleRate the rate to decode to, Hz
     * @return mono samples at {@code sampleRate}
     * @throws IOException if ffmpeg is missing, fails (its own message is given), or finds no audio
     */
    public static AudioClip decode(byte[] file, String source, int sampleRate) throws IOException {
        List<String> command = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "pipe:0",
                "-map", "a:0", "-ac", "1", "-ar", Integer.toString(sampleRate), "-f", "f32le", "pipe:1");
        Process ffmpeg;
        try {
            ffmpeg = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot decode " + source + ": ffmpeg is not installed; install it with " + INSTALL, e);
        }
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
            try (OutputStream in = ffmpeg.getOutputStream()) {
                in.write(file);
            } catch (IOException e) {
                // ffmpeg stopped reading (it failed, or needed only the first part); its exit status says which.
            }
        });
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(ffmpeg.getErrorStream()));
        byte[] samples = readAll(ffmpeg.getInputStream());
        try {
            if (!ffmpeg.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                throw new IOException("ffmpeg did not finish decoding " + source + " within " + TIMEOUT_SECONDS + " s");
            }
            feeding.join();
            String message = new String(errors.join(), StandardCharsets.UTF_8).strip();
            if (ffmpeg.exitValue() != 0 || samples.length == 0) {
                throw new IOException("ffmpeg cannot decode " + source + ": "
                        + (message.isEmpty() ? "it holds no audio" : message.lines().reduce((a, b) -> b).orElse("")));
            }
        } catch (InterruptedException e) {
            ffmpeg.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg decoded " + source, e);
        }
        float[] audio = new float[samples.length / Float.BYTES];
        ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(audio);
        return new AudioClip(audio, sampleRate);
    }

    private static byte[] readAll(InputStream stream) {
        try (stream; ByteArrayOutputStream all = new ByteArrayOutputStream()) {
            stream.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
