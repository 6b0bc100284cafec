// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.client.audio.AudioStreams;
import dev.flowvox.client.audio.FfmpegDecoder;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.AudioFormatException;
import dev.flowvox.core.audio.LoadedAudio;
import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.dsp.Resampler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
     * A-law as telephony writes it, any channel count, 8 to 48 kHz); otherwise, with a warning saying
     * so, what {@code javax.sound} reads (AIFF, AU; {@link AudioStreams}) and then what the system's
     * {@code ffmpeg} decodes (MP3, Ogg Vorbis/Opus, FLAC, M4A, …; {@link FfmpegDecoder}).
     *
     * @param file the file
     * @return the check, named by the file
     * @throws IOException if the file cannot be read or decoded (the message is flowvox's WAV reader's)
     * @throws IllegalArgumentException if it holds no samples
     */
    public AnomalyCheck check(Path file) throws IOException {
        return check(Files.readAllBytes(file), file.toString());
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
        try {
            return check(ModelInput.load(new ByteArrayInputStream(file), name, source.sampleRate()), name);
        } catch (AudioFormatException refused) {
            Decoded decoded = decodeOtherwise(file, name, refused);
            AnomalyCheck check = check(decoded.clip().samples(), decoded.clip().sampleRate(), name);
            List<String> warnings = new ArrayList<>();
            warnings.add("decoded with " + decoded.decoder() + ", as flowvox's WAV reader does not read it: "
                    + refused.getMessage());
            warnings.addAll(check.warnings());
            return new AnomalyCheck(check.name(), check.score(), warnings);
        }
    }

    /** Audio decoded by something other than flowvox's WAV reader, and what decoded it. */
    private record Decoded(AudioClip clip, String decoder) {
    }

    /**
     * What flowvox's WAV reader refused, through javax.sound (AIFF, AU) and then ffmpeg (MP3, Ogg,
     * FLAC, …) where it is installed.
     */
    private Decoded decodeOtherwise(byte[] file, String name, AudioFormatException refused) throws IOException {
        try {
            return new Decoded(AudioStreams.read(file, name), "javax.sound");
        } catch (IOException unreadable) {
            refused.addSuppressed(unreadable);
        }
        if (!FfmpegDecoder.available()) {
            AudioFormatException unsupported = new AudioFormatException(refused.getMessage() + "; other formats (MP3, "
                    + "Ogg, FLAC, M4A, …) are decoded with ffmpeg, which is not installed: " + FfmpegDecoder.INSTALL);
            unsupported.addSuppressed(refused);
            throw unsupported;
        }
        try {
            return new Decoded(FfmpegDecoder.decode(file, name, source.sampleRate()), "ffmpeg");
        } catch (IOException undecodable) {
            refused.addSuppressed(undecodable);
            throw refused;
        }
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
        float[] samples = audio;
        List<String> warnings = new ArrayList<>();
        if (sampleRate != source.sampleRate()) {
            samples = new Resampler(sampleRate, source.sampleRate()).resample(audio);
            warnings.add("resampled " + sampleRate + " Hz to " + source.sampleRate() + " Hz");
        }
        return new AnomalyCheck(name, source.score(samples), warnings);
    }

    private AnomalyCheck check(LoadedAudio audio, String name) {
        requireAudio(audio.clip().samples(), name);
        return new AnomalyCheck(name, source.score(audio.clip().samples()), audio.warnings());
    }

    private static void requireAudio(float[] samples, String name) {
        if (samples.length == 0) {
            throw new IllegalArgumentException(name + " holds no audio samples; expected some audio to check");
        }
    }
}
