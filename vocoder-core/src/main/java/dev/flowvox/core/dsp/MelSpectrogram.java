// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NVIDIA Tacotron2/WaveGlow's log-mel spectrogram: centred STFT magnitude (not power), Slaney mel
 * filterbank, natural log of {@code max(x, logFloor)}. Shape {@code [nMels][1 + samples / hop]}.
 *
 * <p>Reusable and allocation-free per frame, but not thread-safe: an instance owns its FFT and
 * work buffers (allocated once). Use one instance per thread.
 */
public final class MelSpectrogram {
    private static final Map<MelConfig, Double> LARGEST_LOG_MEL = new ConcurrentHashMap<>();

    private final MelConfig config;
    private final Stft stft;
    private final MelFilterbank filterbank;
    private final double[] spectrum;
    private final double[] mel;

    /**
     * @param config the mel parameters; {@link MelConfig#nvidia22050()} for the model
     */
    public MelSpectrogram(MelConfig config) {
        this.config = config;
        this.stft = new Stft(config.stft());
        this.filterbank = new MelFilterbank(config);
        this.spectrum = new double[config.filterLength() / 2 + 1];
        this.mel = new double[config.nMels()];
    }

    /** @return the parameters */
    public MelConfig config() {
        return config;
    }

    /** @return the mel filterbank in use */
    public MelFilterbank filterbank() {
        return filterbank;
    }

    /**
     * @param audio mono samples at {@code config.sampleRate()}, nominally in [-1, 1]; non-empty
     * @return natural-log mel energies, {@code [nMels][1 + audio.length / hopLength]}
     */
    public float[][] compute(float[] audio) {
        int frames = stft.checkedFrames(audio);
        float[][] logMel = new float[config.nMels()][frames];
        double floor = config.logFloor();
        for (int t = 0; t < frames; t++) {
            stft.magnitudeFrame(audio, t, spectrum);
            filterbank.apply(spectrum, mel);
            for (int m = 0; m < mel.length; m++) {
                logMel[m][t] = (float) Math.log(Math.max(mel[m], floor));
            }
        }
        return logMel;
    }

    /**
     * The largest value any audio within [-1, 1] can give a band of this convention: a frame's STFT
     * magnitude is at most the window's sum at every bin, so a band is at most that sum times the sum
     * of its filter's weights.
     *
     * @param config the mel parameters
     * @return natural log of the largest band magnitude (3.23 for {@link MelConfig#nvidia22050()},
     *     which a full-scale square wave brings to 2.46); computed once per configuration
     */
    public static double largestLogMel(MelConfig config) {
        return LARGEST_LOG_MEL.computeIfAbsent(config, MelSpectrogram::computeLargestLogMel);
    }

    private static double computeLargestLogMel(MelConfig config) {
        double windowSum = Arrays.stream(config.stft().window()).sum();
        double widest = 0;
        for (float[] band : new MelFilterbank(config).weights()) {
            double sum = 0;
            for (float weight : band) {
                sum += weight;
            }
            widest = Math.max(widest, sum);
        }
        return Math.log(widest * windowSum);
    }

    /**
     * @param audio mono samples, non-empty
     * @return the linear STFT magnitude this spectrogram is built on,
     *     {@code [filterLength/2 + 1][1 + audio.length / hopLength]}
     */
    public float[][] magnitude(float[] audio) {
        return stft.magnitude(audio);
    }
}
