// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.proto.codec;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.MelSpectrogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between {@code [n_mel][frames]} arrays and {@link MelSpectrogram}: frame-major float32
 * little-endian, band {@code b} of frame {@code t} at byte {@code 4·(t·n_mel + b)}.
 */
public final class MelCodec {

    private MelCodec() {
    }

    /**
     * Packs frames {@code [from, to)} of a mel spectrogram.
     *
     * @param mel {@code [n_mel][frames]}, natural-log magnitudes
     * @param from first frame (inclusive)
     * @param to end frame (exclusive), {@code from < to <= frames}
     * @return the message, {@code 4 · n_mel · (to − from)} bytes of data
     */
    public static MelSpectrogram encode(float[][] mel, int from, int to) {
        if (mel.length == 0) {
            throw new IllegalArgumentException("mel has no bands; expected [n_mel][frames]");
        }
        int frames = mel[0].length;
        if (from < 0 || to <= from || to > frames) {
            throw new IllegalArgumentException("frame range [" + from + ", " + to + ") of a mel with " + frames
                    + " frames; expected 0 <= from < to <= " + frames);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * mel.length * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = from; t < to; t++) {
            for (int band = 0; band < mel.length; band++) {
                if (mel[band].length != frames) {
                    throw new IllegalArgumentException("mel band " + band + " has " + mel[band].length
                            + " frames; band 0 has " + frames);
                }
                data.putFloat(mel[band][t]);
            }
        }
        return MelSpectrogram.newBuilder().setNMel(mel.length).setData(ByteString.copyFrom(data.array())).build();
    }

    /**
     * Packs a whole mel spectrogram.
     *
     * @param mel {@code [n_mel][frames]}
     * @return the message
     */
    public static MelSpectrogram encode(float[][] mel) {
        return encode(mel, 0, mel.length == 0 ? 0 : mel[0].length);
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
     * Unpacks a wire mel.
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
