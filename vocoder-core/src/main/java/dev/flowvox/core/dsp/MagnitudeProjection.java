// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * One Griffin-Lim step from a given signal: every frame of its STFT (as {@link Stft}: centred,
 * reflect padding) gets the target magnitude in every bin and keeps its phase, and the frames are
 * overlap-added back (as {@link InverseStft}), one frame at a time without holding the spectrogram.
 * The same as {@code inverseStft.inverse(scaled(stft.complex(x)), x.length)} up to float round-off,
 * in less time.
 *
 * <p>Not thread-safe: an instance owns its STFT and frame buffers.
 */
public final class MagnitudeProjection {
    private final StftConfig config;
    private final Stft analysis;
    private final InverseStft synthesis;
    private final double[] re;
    private final double[] im;

    /**
     * @param config the STFT framing the targets belong to
     */
    public MagnitudeProjection(StftConfig config) {
        this.config = config;
        this.analysis = new Stft(config);
        this.synthesis = new InverseStft(config);
        this.re = new double[config.bins()];
        this.im = new double[config.bins()];
    }

    /**
     * @param audio the signal, non-empty
     * @param targets {@code [fftSize/2 + 1][columns]} magnitudes for the signal's first {@code columns}
     *     frames (frame t centred on sample {@code t · hop}); later frames keep their own
     * @return the projected signal, {@code audio.length} samples
     */
    public float[] project(float[] audio, float[][] targets) {
        if (targets.length != config.bins()) {
            throw new IllegalArgumentException(targets.length + " target bins; expected " + config.bins());
        }
        int frames = analysis.checkedFrames(audio);
        int columns = Math.min(frames, targets[0].length);
        InverseStft.OverlapAdd overlapAdd = synthesis.overlapAdd(frames);
        for (int t = 0; t < frames; t++) {
            analysis.transformFrame(audio, t, re, im);
            if (t < columns) {
                for (int k = 0; k < re.length; k++) {
                    double magnitude = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
                    double scale = magnitude > 0 ? targets[k][t] / magnitude : 0;
                    re[k] *= scale;
                    im[k] *= scale;
                }
            }
            overlapAdd.add(re, im, t);
        }
        return overlapAdd.result(audio.length);
    }
}
