// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.codec;

import dev.flowvox.proto.v1.MelSpectrogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Unpacks the wire mel ({@link MelSpectrogram}: frame-major little-endian float32) into {@code [n_mel][frames]}. */
public final class MelDecoder {

    private MelDecoder() {
    }

    /**
     * Frames in a wire mel, after checking its shape (not its values).
     *
     * @param mel the message
     * @param expectedBands mel bands of the model
     * @return frames, at least 1
     * @throws IllegalArgumentException naming the problem: wrong band count, empty, or a length that
     *     is not a whole number of frames
     */
    public static int frames(MelSpectrogram mel, int expectedBands) {
        if (mel.getNMel() != expectedBands) {
            throw new IllegalArgumentException("mel has n_mel " + mel.getNMel() + " bands; the model expects "
                    + expectedBands);
        }
        int frameBytes = 4 * expectedBands;
        int bytes = mel.getData().size();
        if (bytes == 0) {
            throw new IllegalArgumentException("mel data is empty; expected at least one frame of " + expectedBands
                    + " float32 values");
        }
        if (bytes % frameBytes != 0) {
            throw new IllegalArgumentException("mel data has " + bytes + " bytes, not a whole number of frames of "
                    + frameBytes + " bytes (n_mel " + expectedBands + " x 4)");
        }
        return bytes / frameBytes;
    }

    /**
     * Decodes a wire mel.
     *
     * @param mel the message
     * @param expectedBands mel bands of the model
     * @return {@code [n_mel][frames]}
     * @throws IllegalArgumentException as {@link #frames}, or for a NaN or infinite value (naming its
     *     band and frame)
     */
    public static float[][] decode(MelSpectrogram mel, int expectedBands) {
        int frames = frames(mel, expectedBands);
        ByteBuffer in = mel.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[expectedBands][frames];
        for (int t = 0; t < frames; t++) {
            for (int band = 0; band < expectedBands; band++) {
                float value = in.getFloat();
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("mel value at frame " + t + ", band " + band + " is " + value
                            + "; expected a finite log-magnitude");
                }
                out[band][t] = value;
            }
        }
        return out;
    }
}
