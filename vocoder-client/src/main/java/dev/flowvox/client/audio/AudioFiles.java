// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.AudioFormatException;
import dev.flowvox.core.audio.LoadedAudio;
import dev.flowvox.core.audio.ModelInput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an audio file of any format flowvox can decode into mono samples at the rate a model expects,
 * trying three decoders in turn:
 * <ol>
 *   <li>flowvox's own WAV reader ({@link ModelInput}: integer or float PCM, G.711 µ-law or A-law, any
 *       channel count, 8 to 192 kHz);
 *   <li>{@code javax.sound} ({@link AudioStreams}: AIFF, AU);
 *   <li>the system's {@code ffmpeg} ({@link FfmpegDecoder}: MP3, Ogg Vorbis/Opus, FLAC, M4A, the
 *       soundtrack of a video, …), when it is installed.
 * </ol>
 * Audio the WAV reader refuses gets a first warning naming the decoder that read it instead and the
 * WAV reader's reason; audio at another rate is resampled and the conversion is warned about, as
 * {@link ModelInput#atRate} does for WAV files.
 *
 * <pre>{@code
 * AudioFiles.Loaded audio = AudioFiles.load(Path.of("call.mp3"), 22050);
 * audio.warnings().forEach(System.err::println);
 * float[] samples = audio.clip().samples();
 * }</pre>
 */
public final class AudioFiles {

    private AudioFiles() {
    }

    /**
     * Audio read for a model.
     *
     * @param clip mono audio at the requested rate
     * @param warnings human-readable notes on what reading did, in order: the decoder used when it was
     *     not flowvox's WAV reader, downmixing (WAV only; the other decoders downmix silently) and
     *     resampling; empty for a mono WAV file at the requested rate; unmodifiable
     */
    public record Loaded(AudioClip clip, List<String> warnings) {

        /** Validates presence and copies the warnings. */
        public Loaded {
            if (clip == null || warnings == null) {
                throw new IllegalArgumentException("clip and warnings must not be null");
            }
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads an audio file, named by its path in messages.
     *
     * @param file the file
     * @param sampleRate the rate to return, Hz, positive (in [8000, 192000] when resampling is needed)
     * @return its audio, mono at {@code sampleRate}, and what was done to obtain it
     * @throws IOException if the file does not exist, is a directory, or cannot be read or decoded (the
     *     message is flowvox's WAV reader's; the other decoders' reasons are suppressed exceptions)
     */
    public static Loaded load(Path file, int sampleRate) throws IOException {
        return load(read(file), file.toString(), sampleRate);
    }

    /**
     * The bytes of an audio file, with errors that say what is wrong with the path.
     *
     * @param file the file
     * @return its bytes
     * @throws NoSuchFileException if it does not exist ("X: no such file; expected an audio file")
     * @throws IOException if it is a directory or cannot be read
     */
    public static byte[] read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory; expected an audio file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file; expected an audio file");
        }
        return Files.readAllBytes(file);
    }

    /**
     * Reads an audio file held in memory.
     *
     * @param file the file's bytes
     * @param name a name for messages, such as the file's path
     * @param sampleRate the rate to return, Hz, positive (in [8000, 192000] when resampling is needed)
     * @return its audio, mono at {@code sampleRate}, and what was done to obtain it
     * @throws IOException if the bytes are not audio in a supported format (as for {@link #load(Path, int)})
     */
    public static Loaded load(byte[] file, String name, int sampleRate) throws IOException {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("target rate " + sampleRate + " Hz for " + name + "; expected > 0");
        }
        try {
            LoadedAudio wav = ModelInput.load(new ByteArrayInputStream(file), name, sampleRate);
            return new Loaded(wav.clip(), wav.warnings());
        } catch (AudioFormatException refused) {
            Decoded decoded = decodeOtherwise(file, name, sampleRate, refused);
            List<String> warnings = new ArrayList<>();
            warnings.add("decoded with " + decoded.decoder() + (isWav(file)
                    ? ", as flowvox's WAV reader does not read this WAV: " + refused.getMessage()
                    : " (not a WAV file)"));
            float[] samples = ModelInput.atRate(decoded.clip().samples(), decoded.clip().sampleRate(), sampleRate,
                    warnings);
            return new Loaded(new AudioClip(samples, sampleRate), warnings);
        }
    }

    /** Whether the bytes start as a WAV file does ({@code RIFF} or {@code RF64}, then {@code WAVE}). */
    private static boolean isWav(byte[] file) {
        if (file.length < 12) {
            return false;
        }
        String riff = new String(file, 0, 4, StandardCharsets.ISO_8859_1);
        String wave = new String(file, 8, 4, StandardCharsets.ISO_8859_1);
        return (riff.equals("RIFF") || riff.equals("RF64")) && wave.equals("WAVE");
    }

    /** Audio decoded by something other than flowvox's WAV reader, and what decoded it. */
    private record Decoded(AudioClip clip, String decoder) {
    }

    /**
     * What flowvox's WAV reader refused, through javax.sound (AIFF, AU) and then ffmpeg (MP3, Ogg,
     * FLAC, …) where it is installed.
     */
    private static Decoded decodeOtherwise(byte[] file, String name, int sampleRate, AudioFormatException refused)
            throws IOException {
        try {
            return new Decoded(AudioStreams.read(file, name), "javax.sound");
        } catch (IOException unreadable) {
            refused.addSuppressed(unreadable);
        }
        try {
            return new Decoded(FfmpegDecoder.decode(file, name, sampleRate), "ffmpeg");
        } catch (FfmpegDecoder.NotInstalledException missing) {
            AudioFormatException unsupported = new AudioFormatException(refused.getMessage() + "; other formats (MP3, "
                    + "Ogg, FLAC, M4A, …) are decoded with ffmpeg, which is not installed: " + FfmpegDecoder.INSTALL);
            unsupported.addSuppressed(refused);
            throw unsupported;
        } catch (IOException undecodable) {
            refused.addSuppressed(undecodable);
            throw refused;
        }
    }
}
