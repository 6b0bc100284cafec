// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.npy.NpyArray;

import java.util.Arrays;
import java.util.Locale;

/** Moves mel spectrograms ({@code [n_mel][frames]} in Java) into flow inputs. */
public final class MelArrays {

    /** How far above the loudest full-scale mel {@link #requireWithinConvention} still accepts, dB. */
    public static final double HEADROOM_DB = 20;

    private MelArrays() {
    }

    /**
     * Frames of a mel spectrogram, after checking it is rectangular, non-empty and finite.
     *
     * @param mel {@code [n_mel][frames]}
     * @return frames
     * @throws IllegalArgumentException naming the problem
     */
    public static int frames(float[][] mel) {
        if (mel.length == 0 || mel[0].length == 0) {
            throw new IllegalArgumentException("mel spectrogram is empty; expected [n_mel][frames] with frames >= 1");
        }
        int frames = mel[0].length;
        for (int band = 0; band < mel.length; band++) {
            if (mel[band].length != frames) {
                throw new IllegalArgumentException("mel band " + band + " has " + mel[band].length
                        + " frames, band 0 has " + frames);
            }
            for (int t = 0; t < frames; t++) {
                if (!Float.isFinite(mel[band][t])) {
                    throw new IllegalArgumentException("mel value at band " + band + ", frame " + t + " is "
                            + mel[band][t] + "; expected a finite log-magnitude");
                }
            }
        }
        return frames;
    }

    /**
     * Refuses a mel that asks for far louder audio than its convention can describe: a value more
     * than {@value #HEADROOM_DB} dB above {@link MelSpectrogram#largestLogMel}, the most any audio
     * within [-1, 1] gives. Such values come from mels on another scale (decibels, say), and the
     * flow would turn them into clipped noise or, past float range, silence.
     *
     * @param mel {@code [n_mel][frames]}
     * @param config the model's mel convention
     * @throws IllegalArgumentException naming the first value too large, and the bound
     */
    public static void requireWithinConvention(float[][] mel, MelConfig config) {
        double bound = MelSpectrogram.largestLogMel(config) + HEADROOM_DB / 20 * Math.log(10);
        for (int band = 0; band < mel.length; band++) {
            for (int t = 0; t < mel[band].length; t++) {
                if (mel[band][t] > bound) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "mel value %s at band %d, frame %d is "
                            + "above %.2f, %.0f dB over the loudest that audio within [-1, 1] gives in this model's mel "
                            + "convention; expected natural-log magnitudes as NVIDIA's Tacotron2 and WaveGlow compute "
                            + "them (%.1f in silence): is this mel in decibels or on another scale?", mel[band][t], band,
                            t, bound, HEADROOM_DB, Math.log(config.logFloor())));
                }
            }
        }
    }

    /**
     * A mel spectrogram from a {@code .npy} array: {@code [n_mel, frames]}, or {@code [1, n_mel,
     * frames]} as acoustic models that keep the batch dimension save it.
     *
     * @param array the array
     * @return {@code [n_mel][frames]}
     * @throws IllegalArgumentException for any other shape
     */
    public static float[][] fromNpy(NpyArray array) {
        int[] shape = array.shape();
        if (shape.length == 3 && shape[0] == 1) {
            return new NpyArray(new int[] {shape[1], shape[2]}, array.data()).toMatrix();
        }
        if (shape.length != 2) {
            throw new IllegalArgumentException("mel array has shape " + Arrays.toString(shape)
                    + "; expected [n_mel, frames] or [1, n_mel, frames]");
        }
        return array.toMatrix();
    }

    /**
     * Copies a mel into a batch of one.
     *
     * @param manager owner of the result
     * @param mel {@code [n_mel][frames]}
     * @param nMel bands the model expects
     * @return {@code [1, n_mel, frames]}
     */
    public static NDArray toBatch(NDManager manager, float[][] mel, int nMel) {
        int frames = frames(mel);
        if (mel.length != nMel) {
            throw new IllegalArgumentException("mel has " + mel.length + " bands, the model expects " + nMel);
        }
        float[] flat = new float[nMel * frames];
        for (int band = 0; band < nMel; band++) {
            System.arraycopy(mel[band], 0, flat, band * frames, frames);
        }
        return manager.create(flat, new Shape(1, nMel, frames));
    }
}
