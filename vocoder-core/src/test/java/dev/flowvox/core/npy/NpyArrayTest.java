// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyArrayTest {

    @Test
    void rank3ArrayRoundTripsThroughFileWithAlignedHeader(@TempDir Path dir) throws IOException {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 3.25f;
        }
        NpyArray array = new NpyArray(new int[] {2, 3, 4}, data);
        Path file = dir.resolve("a.npy");
        array.write(file);

        assertEquals(array, NpyArray.read(file));
        assertEquals(128 + data.length * 4L, file.toFile().length(), "64-byte aligned header");
    }

    @Test
    void aDirectoryIsRefusedByName(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> NpyArray.read(dir));
        assertEquals(dir + " is a directory; expected a .npy file", e.getMessage());
    }

    @Test
    void scalarAndVectorShapesRoundTrip() throws IOException {
        for (int[] shape : new int[][] {{}, {5}, {0, 7}}) {
            int count = 1;
            for (int extent : shape) {
                count *= extent;
            }
            NpyArray array = new NpyArray(shape, new float[count]);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            array.write(out);
            NpyArray back = NpyArray.read(new ByteArrayInputStream(out.toByteArray()), "mem");
            assertArrayEquals(shape, back.shape());
        }
    }

    @Test
    void matrixHelperPreservesRowMajorLayout() {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        NpyArray array = NpyArray.ofMatrix(rows);
        assertArrayEquals(new int[] {2, 3}, array.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.data());
        assertArrayEquals(rows[1], array.toMatrix()[1]);
    }

    @Test
    void float64ArraysAreNarrowedToFloat() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(0.1).putDouble(-2.5);
        byte[] bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data.array());
        NpyArray array = NpyArray.read(new ByteArrayInputStream(bytes), "f8");
        assertArrayEquals(new float[] {0.1f, -2.5f}, array.data());
    }

    @Test
    void unsupportedDtypeIsRejectedNamingTheExpectedOnes() {
        byte[] bytes = npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        MalformedNpyException e = assertThrows(MalformedNpyException.class,
                () -> NpyArray.read(new ByteArrayInputStream(bytes), "ints.npy"));
        assertEquals("unsupported dtype '<i8' in ints.npy; expected '<f4' (float32) or '<f8' (float64)",
                e.getMessage());
    }

    /** NumPy writes transposed views column-major: [[1, 2, 3], [4, 5, 6]] as 1 4 2 5 3 6. */
    @Test
    void fortranOrderedArraysAreReadRowMajor() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : new float[] {1, 4, 2, 5, 3, 6}) {
            data.putFloat(value);
        }
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data.array());
        NpyArray array = NpyArray.read(new ByteArrayInputStream(bytes), "f.npy");
        assertArrayEquals(new int[] {2, 3}, array.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.data());
    }

    @Test
    void missingShapeIsRejected() {
        byte[] noShape = npy("{'descr': '<f4', 'fortran_order': False, }", new byte[4]);
        MalformedNpyException shape = assertThrows(MalformedNpyException.class,
                () -> NpyArray.read(new ByteArrayInputStream(noShape), "s.npy"));
        assertTrue(shape.getMessage().startsWith("malformed .npy header in s.npy: no 'shape' entry"),
                shape.getMessage());
    }

    @Test
    void truncatedDataReportsNeededAndRemainingBytes() {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[5]);
        MalformedNpyException e = assertThrows(MalformedNpyException.class,
                () -> NpyArray.read(new ByteArrayInputStream(bytes), "t.npy"));
        assertEquals("truncated .npy stream t.npy: data needs 12 bytes but only 5 remain",
                e.getMessage());
    }

    @Test
    void fixtureNpzEntriesHaveTheDocumentedShapes() throws IOException {
        Map<String, NpyArray> arrays = Npz.read(Fixtures.path("speech-22050.mel.npz"));
        assertArrayEquals(new int[] {149640}, arrays.get("audio").shape());
        assertArrayEquals(new int[] {80, 585}, arrays.get("mel").shape());
        assertArrayEquals(new int[] {80, 513}, arrays.get("mel_basis").shape());
    }

    private static byte[] npy(String dict, byte[] data) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length).put(header).put(data);
        return buffer.array();
    }
}
