// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.npy.NpyArray;

import java.util.Arrays;

/** Moves mel spectrograms ({@code [n_mel][frames]} in Java) into flow inputs. */
public final class MelArrays {

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
