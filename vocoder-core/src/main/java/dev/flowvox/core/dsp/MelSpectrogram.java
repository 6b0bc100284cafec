// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * NVIDIA Tacotron2/WaveGlow's log-mel spectrogram: centred STFT magnitude (not power), Slaney mel
 * filterbank, natural log of {@code max(x, logFloor)}. Shape {@code [nMels][1 + samples / hop]}.
 *
 * <p>Reusable and allocation-free per frame, but not thread-safe: an instance owns its FFT and
 * work buffers (allocated once). Use one instance per thread.
 */
public final class MelSpectrogram {
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
     * @param audio mono samples, non-empty
     * @return the linear STFT magnitude this spectrogram is built on,
     *     {@code [filterLength/2 + 1][1 + audio.length / hopLength]}
     */
    public float[][] magnitude(float[] audio) {
        return stft.magnitude(audio);
    }
}
