// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import dev.flowvox.core.dsp.Resampler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a WAV file of any supported encoding, channel count and rate into the mono clip at the rate
 * a model expects: channels are averaged, other rates are converted with {@link Resampler}, and
 * each such step is reported in {@link LoadedAudio#warnings()}.
 */
public final class ModelInput {
    private ModelInput() {}

    /**
     * @param path a WAV file
     * @param targetRate the rate the model expects, Hz, in [8000, 192000] if resampling is needed
     * @return the mono clip at {@code targetRate} and what was done to obtain it
     * @throws AudioFormatException if the file is truncated, corrupt or of an unsupported encoding
     * @throws IOException if the file cannot be read
     */
    public static LoadedAudio load(Path path, int targetRate) throws IOException {
        return convert(WavReader.read(path), targetRate);
    }

    /**
     * @param in a WAV stream, read to its end; not closed
     * @param source a name for error messages
     * @param targetRate the rate the model expects, Hz
     * @return as for {@link #load(Path, int)}
     * @throws IOException as for {@link #load(Path, int)}
     */
    public static LoadedAudio load(InputStream in, String source, int targetRate) throws IOException {
        return convert(WavReader.read(in, source), targetRate);
    }

    /**
     * @param wav decoded audio
     * @param targetRate the rate the model expects, Hz
     * @return the mono clip at {@code targetRate} and what was done to obtain it
     */
    public static LoadedAudio convert(DecodedWav wav, int targetRate) {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target rate " + targetRate + " Hz; expected > 0");
        }
        WavInfo info = wav.info();
        List<String> warnings = new ArrayList<>();
        float[] mono = wav.channels()[0];
        if (info.channels() > 1) {
            mono = downmix(wav.channels());
            warnings.add("downmixed " + info.channels() + " channels to mono by averaging");
        }
        mono = atRate(mono, info.sampleRate(), targetRate, warnings);
        return new LoadedAudio(new AudioClip(mono, targetRate), info, warnings);
    }

    /**
     * Mono samples at the rate a model expects, resampled when theirs differs.
     *
     * @param mono samples
     * @param sampleRate their rate, Hz
     * @param targetRate the rate the model expects, Hz, in [8000, 192000] if resampling is needed
     * @param warnings gets "resampled … Hz to … Hz" when the samples are resampled
     * @return {@code mono} itself at the same rate, else the resampled samples
     */
    public static float[] atRate(float[] mono, int sampleRate, int targetRate, List<String> warnings) {
        if (sampleRate == targetRate) {
            return mono;
        }
        warnings.add("resampled " + sampleRate + " Hz to " + targetRate + " Hz");
        return new Resampler(sampleRate, targetRate).resample(mono);
    }

    /**
     * @param channels {@code [channels][samples]}
     * @return the per-sample mean of the channels
     */
    static float[] downmix(float[][] channels) {
        float[] mono = new float[channels[0].length];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (float[] channel : channels) {
                sum += channel[i];
            }
            mono[i] = (float) (sum / channels.length);
        }
        return mono;
    }
}
