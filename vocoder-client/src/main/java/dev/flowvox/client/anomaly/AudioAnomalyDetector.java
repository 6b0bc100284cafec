// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.client.audio.AudioFiles;
import dev.flowvox.core.audio.ModelInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Likelihood-based audio anomaly checks: audio → mono at the model's rate → mel → exact likelihood
 * → per-segment features → the verdict of the model's typicality calibration.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager();
 *         VocoderModel model = ModelBundle.load(Path.of("models/default/model.flowvox"), manager)) {
 *     AudioAnomalyDetector detector = new AudioAnomalyDetector(LocalLikelihoodSource.of(model));
 *     AnomalyCheck check = detector.check(Path.of("call.wav"));
 *     if (check.status() == AnomalyCheck.Status.ANOMALOUS) {
 *         check.worstRanges(3).forEach(r -> System.out.println(r.startSeconds() + "-" + r.endSeconds() + " s"));
 *     }
 * }
 * // or against a server, on a channel you own:
 * new AudioAnomalyDetector(new RemoteLikelihoodSource(channel, "", Duration.ofSeconds(30)));
 * }</pre>
 *
 * Thread-safe when its source is.
 */
public final class AudioAnomalyDetector {

    private final LikelihoodSource source;

    /**
     * @param source where scores and verdicts come from
     */
    public AudioAnomalyDetector(LikelihoodSource source) {
        this.source = source;
    }

    /** The source of the scores. */
    public LikelihoodSource source() {
        return source;
    }

    /**
     * Checks an audio file: WAV in any encoding flowvox reads (integer or float PCM, G.711 µ-law or
     * A-law as telephony writes it, any channel count, 8 to 192 kHz); otherwise, with a warning saying
     * so, what {@code javax.sound} reads (AIFF, AU) and then what the system's {@code ffmpeg} decodes
     * (MP3, Ogg Vorbis/Opus, FLAC, M4A, …); see {@link AudioFiles}.
     *
     * @param file the file
     * @return the check, named by the file
     * @throws IOException if the file cannot be read or decoded (the message is flowvox's WAV reader's)
     * @throws IllegalArgumentException if it holds no samples
     */
    public AnomalyCheck check(Path file) throws IOException {
        return check(AudioFiles.read(file), file.toString());
    }

    /**
     * Checks an audio file held in memory, as {@link #check(Path)} does.
     *
     * @param file the file's bytes
     * @param name label of the result
     * @return the check
     * @throws IOException if the bytes are not audio in a supported format
     * @throws IllegalArgumentException if it holds no samples
     */
    public AnomalyCheck check(byte[] file, String name) throws IOException {
        AudioFiles.Loaded audio = AudioFiles.load(file, name, source.sampleRate());
        requireAudio(audio.clip().samples(), name);
        return judge(name, audio.clip().samples(), new ArrayList<>(audio.warnings()));
    }

    /**
     * Checks an audio stream, read to its end (not closed), as {@link #check(Path)} does.
     *
     * @param file the stream
     * @param name label of the result
     * @return the check
     * @throws IOException if reading fails or the stream is not audio in a supported format
     * @throws IllegalArgumentException if it holds no samples
     */
    public AnomalyCheck check(InputStream file, String name) throws IOException {
        return check(file.readAllBytes(), name);
    }

    /**
     * Checks samples already decoded.
     *
     * @param audio mono samples in [-1, 1]
     * @param sampleRate their rate, Hz (resampled to the model's when different)
     * @param name label of the result
     * @return the check
     * @throws IllegalArgumentException if there are no samples
     */
    public AnomalyCheck check(float[] audio, int sampleRate, String name) {
        requireAudio(audio, name);
        List<String> warnings = new ArrayList<>();
        float[] samples = ModelInput.atRate(audio, sampleRate, source.sampleRate(), warnings);
        return judge(name, samples, warnings);
    }

    private AnomalyCheck judge(String name, float[] samples, List<String> warnings) {
        int longest = source.longestPiece();
        if (samples.length > longest) {
            warnings.add(String.format(Locale.ROOT, "judged in pieces of at most %.1f s, the longest audio the source "
                    + "scores at once (a server's Score limits); whole-clip statistics are judged per piece",
                    (double) longest / source.sampleRate()));
        }
        return new AnomalyCheck(name, source.score(samples), warnings);
    }

    private static void requireAudio(float[] samples, String name) {
        if (samples.length == 0) {
            throw new IllegalArgumentException(name + " holds no audio samples; expected some audio to check");
        }
    }
}
