// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.core.synth.MelArrays;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Mels written by an external acoustic model (NVIDIA Tacotron2 or FastPitch inference): each
 * "sentence" is the path of a {@code .npy} file holding float32 {@code [80, frames]} or
 * {@code [1, 80, frames]}, natural-log magnitudes in NVIDIA's convention at 22050 Hz. Relative paths
 * resolve against a base directory.
 */
public final class MelFileFrontEnd implements FrontEnd {

    private static final int N_MEL = 80;

    private final Path base;

    /**
     * @param base directory relative paths are resolved against
     */
    public MelFileFrontEnd(Path base) {
        this.base = base;
    }

    @Override
    public float[][] mel(String sentence) throws IOException {
        Path path = base.resolve(sentence.strip());
        float[][] mel;
        try {
            mel = MelArrays.fromNpy(NpyArray.read(path));
            MelArrays.frames(mel);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        if (mel.length != N_MEL) {
            throw new IOException(path + " has " + mel.length + " mel bands; expected " + N_MEL
                    + " (NVIDIA's convention, [80, frames])");
        }
        return mel;
    }

    @Override
    public String name() {
        return "mel files (.npy)";
    }
}
