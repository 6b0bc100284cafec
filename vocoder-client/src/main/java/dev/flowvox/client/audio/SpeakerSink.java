// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.AudioEncoding;

import java.io.IOException;
import java.util.Optional;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays audio on the default output device through {@code javax.sound} (16-bit PCM). {@link #write}
 * blocks while the device's buffer is full, so the pipeline runs at playback speed; {@link #close()}
 * waits until everything has been played.
 */
public final class SpeakerSink implements AudioSink {

    private SourceDataLine line;
    private int sampleRate;

    /**
     * Whether a speaker can play 16-bit mono audio at this rate.
     *
     * @param sampleRate rate, Hz
     * @return empty if it can, else why not (e.g. a machine without sound devices)
     */
    public static Optional<String> unavailableReason(int sampleRate) {
        AudioFormat format = format(sampleRate);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        try {
            if (!AudioSystem.isLineSupported(info)) {
                return Optional.of("no audio output device plays " + format);
            }
        } catch (IllegalArgumentException | SecurityException e) {
            return Optional.of("no audio output device: " + e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void write(float[] samples, int rate) throws IOException {
        if (line == null) {
            open(rate);
        } else if (rate != sampleRate) {
            throw new IOException("audio at " + rate + " Hz on a speaker opened at " + sampleRate
                    + " Hz; expected one rate");
        }
        byte[] bytes = AudioCodec.encode(samples, AudioEncoding.PCM16).toByteArray();
        line.write(bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        if (line != null) {
            line.drain();
            line.close();
        }
    }

    private void open(int rate) throws IOException {
        AudioFormat format = format(rate);
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, rate);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException("cannot open an audio output device for " + format + ": " + e.getMessage(), e);
        }
        line.start();
        sampleRate = rate;
    }

    private static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }
}
