// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.jvm.JVMAudioInputStream;

import dev.flowvox.core.audio.AudioClip;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads audio in the formats {@code javax.sound} knows (WAV, AIFF, AU; 8/16/24/32-bit integer or
 * float PCM, either byte order, signed or unsigned, and G.711 µ-law or A-law, which the JDK expands
 * to 16-bit PCM first; any channel count and rate) into a mono clip, converting samples with
 * TarsosDSP's float converter and averaging channels. The rate is kept; use
 * {@link dev.flowvox.core.dsp.Resampler} to change it. Tolerates the unknown-length headers that
 * streaming writers emit ({@code espeak-ng --stdout}): reading stops at the end of the bytes.
 */
public final class AudioStreams {

    private AudioStreams() {
    }

    /**
     * @param path an audio file
     * @return its audio, mono, at its own rate
     * @throws IOException if it cannot be read or its format is not supported
     */
    public static AudioClip read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, path.toString());
        }
    }

    /**
     * @param file the bytes of a whole audio file
     * @param source a name for error messages
     * @return its audio, mono, at its own rate
     * @throws IOException if the format is not supported
     */
    public static AudioClip read(byte[] file, String source) throws IOException {
        return read(new ByteArrayInputStream(file), source);
    }

    /**
     * @param stream decoded audio, read to its end and closed
     * @return its audio, mono, at its own rate
     * @throws IOException if reading fails or the encoding is not linear PCM, float or G.711
     */
    public static AudioClip read(AudioInputStream stream) throws IOException {
        try (stream; AudioInputStream linear = linear(stream)) {
            AudioFormat format = linear.getFormat();
            TarsosDSPAudioFloatConverter converter =
                    TarsosDSPAudioFloatConverter.getConverter(JVMAudioInputStream.toTarsosDSPFormat(format));
            if (converter == null) {
                throw new IOException("audio encoding " + format + " is not supported; expected linear PCM, float "
                        + "or G.711");
            }
            int channels = format.getChannels();
            int frameBytes = format.getFrameSize();
            byte[] bytes = readFully(linear, frameBytes);
            int frames = bytes.length / frameBytes;
            float[] interleaved = new float[frames * channels];
            converter.toFloatArray(bytes, interleaved, interleaved.length);
            return new AudioClip(downmix(interleaved, channels), Math.round(format.getSampleRate()));
        }
    }

    private static AudioClip read(InputStream in, String source) throws IOException {
        try {
            return read(AudioSystem.getAudioInputStream(in));
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("cannot read audio from " + source + ": " + e.getMessage()
                    + "; expected WAV, AIFF or AU", e);
        }
    }

    /** G.711 µ-law and A-law expanded to 16-bit PCM by the JDK's codec; other encodings as they are. */
    private static AudioInputStream linear(AudioInputStream stream) {
        AudioFormat format = stream.getFormat();
        AudioFormat.Encoding encoding = format.getEncoding();
        if (!encoding.equals(AudioFormat.Encoding.ULAW) && !encoding.equals(AudioFormat.Encoding.ALAW)) {
            return stream;
        }
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                format.getChannels(), 2 * format.getChannels(), format.getSampleRate(), false);
        return AudioSystem.getAudioInputStream(pcm, stream);
    }

    /**
     * Reads to the end with {@code read(byte[])}: some streams (MaryTTS's) end {@code readAllBytes}
     * after the first buffer.
     */
    private static byte[] readFully(AudioInputStream stream, int frameBytes) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[frameBytes * 4096];
        for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static float[] downmix(float[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        float[] mono = new float[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (float) (sum / channels);
        }
        return mono;
    }
}
