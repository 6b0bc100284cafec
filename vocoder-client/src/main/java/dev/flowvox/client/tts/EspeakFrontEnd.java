// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.client.ProgramProbe;
import dev.flowvox.client.audio.AudioStreams;
import dev.flowvox.client.audio.SilenceTrimmer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * eSpeak NG as an external process: {@code espeak-ng --stdout -b 1 -v VOICE -s WPM} reads the sentence
 * (UTF-8) on standard input and writes a WAV (22050 Hz) to standard output; the audio is trimmed and
 * analysed by {@link MelAnalyzer}. Install it with {@code scripts/install-system-deps.sh} (Debian/Ubuntu
 * package {@code espeak-ng}).
 */
public final class EspeakFrontEnd implements FrontEnd {

    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;
    private final String voice;
    private final int wordsPerMinute;
    private final MelAnalyzer analyzer = new MelAnalyzer(SilenceTrimmer.DEFAULT);

    /** {@code espeak-ng} from the PATH, voice {@code en-us}, 165 words per minute. */
    public EspeakFrontEnd() {
        this("espeak-ng", "en-us", 165);
    }

    /**
     * @param executable the program, a name on the PATH or a path
     * @param voice an eSpeak voice ({@code espeak-ng --voices} lists them), e.g. "en-us", "en-gb", "de"
     * @param wordsPerMinute speaking rate, 80 to 450
     */
    public EspeakFrontEnd(String executable, String voice, int wordsPerMinute) {
        if (wordsPerMinute < 80 || wordsPerMinute > 450) {
            throw new IllegalArgumentException("speaking rate " + wordsPerMinute + " words per minute; expected 80 to 450");
        }
        this.executable = executable;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
    }

    /**
     * Whether the program runs here.
     *
     * @param executable a name on the PATH or a path
     * @return true if {@code executable --version} exits with 0
     */
    public static boolean isInstalled(String executable) {
        return ProgramProbe.runs(executable, "--version");
    }

    @Override
    public float[][] mel(String sentence) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable, "--stdout", "-b", "1", "-v", voice, "-s",
                Integer.toString(wordsPerMinute)));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + executable + " (" + e.getMessage()
                    + "); install it with scripts/install-system-deps.sh or: apt-get install espeak-ng", e);
        }
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(sentence.getBytes(StandardCharsets.UTF_8));
        }
        byte[] wav = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(executable + " did not finish within " + TIMEOUT_SECONDS + " s for '" + sentence + "'");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + executable + " spoke '" + sentence + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(executable + " exited with " + process.exitValue() + " for '" + sentence + "': "
                    + new String(errors.join(), StandardCharsets.UTF_8).strip());
        }
        return analyzer.analyze(AudioStreams.read(wav, executable + " output"));
    }

    @Override
    public String name() {
        return "espeak-ng (" + voice + ")";
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
