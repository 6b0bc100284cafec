// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.proto.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.MelSpectrogram;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

class MelCodecTest {

    @Test
    void melIsFrameMajorLittleEndianFloat32() {
        float[][] mel = {{1f, 2f, 3f}, {4f, 5f, 6f}};
        MelSpectrogram message = MelCodec.encode(mel, 1, 3);
        assertEquals(2, message.getNMel());
        ByteBuffer data = message.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, data.remaining());
        assertEquals(2f, data.getFloat(0));
        assertEquals(5f, data.getFloat(4));
        assertEquals(3f, data.getFloat(8));
        assertEquals(6f, data.getFloat(12));
    }

    @Test
    void melRoundTripsExactly() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] mel = new float[80][7];
        for (float[] band : mel) {
            for (int t = 0; t < band.length; t++) {
                band[t] = (float) (random.nextGaussian() * 3 - 6);
            }
        }
        float[][] back = MelCodec.decode(MelCodec.encode(mel), 80);
        for (int band = 0; band < 80; band++) {
            assertArrayEquals(mel[band], back[band], 0f);
        }
    }

    @Test
    void frameRangeOutsideTheMelNamesTheValidRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MelCodec.encode(new float[80][4], 2, 5));
        assertEquals("frame range [2, 5) of a mel with 4 frames; expected 0 <= from < to <= 4", e.getMessage());
    }

    @Test
    void wrongShapesAndValuesAreRejectedNamingTheProblem() {
        MelSpectrogram fortyBands = MelCodec.encode(new float[40][2]);
        assertEquals("mel has n_mel 40 bands; the model expects 80",
                assertThrows(IllegalArgumentException.class, () -> MelCodec.decode(fortyBands, 80)).getMessage());
        MelSpectrogram ragged = MelSpectrogram.newBuilder().setNMel(2).setData(ByteString.copyFrom(new byte[12])).build();
        assertEquals("mel data has 12 bytes, not a whole number of frames of 8 bytes (n_mel 2 x 4)",
                assertThrows(IllegalArgumentException.class, () -> MelCodec.frames(ragged, 2)).getMessage());
        float[][] infinite = new float[2][3];
        infinite[1][2] = Float.POSITIVE_INFINITY;
        assertEquals("mel value at frame 2, band 1 is Infinity; expected a finite log-magnitude",
                assertThrows(IllegalArgumentException.class, () -> MelCodec.decode(MelCodec.encode(infinite), 2))
                        .getMessage());
    }
}
