// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A dense float32 array of any rank in C (row-major) order, as stored in a NumPy {@code .npy} file.
 *
 * <p>The arrays passed in are not copied: the record is a view over the caller's {@code data}
 * and {@code shape}. {@link #equals}, {@link #hashCode} and {@link #toString} compare contents.
 *
 * @param shape the extent of each dimension, outermost first; empty for a scalar
 * @param data the elements in C order, {@code product(shape)} long
 */
public record NpyArray(int[] shape, float[] data) {

    /** Validates that the shape is non-negative and matches the element count. */
    public NpyArray {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data must not be null");
        }
        long count = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException(
                        "negative extent in shape " + Arrays.toString(shape) + "; expected >= 0");
            }
            count *= extent;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " elements but data has " + data.length);
        }
    }

    /**
     * Wraps a rectangular matrix, copying it into C order.
     *
     * @param rows the matrix, {@code [rows][columns]}; every row the same length
     * @return an array of shape {@code [rows, columns]}
     */
    public static NpyArray ofMatrix(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " columns; expected " + columns + " like row 0");
            }
            System.arraycopy(rows[r], 0, data, r * columns, columns);
        }
        return new NpyArray(new int[] {rows.length, columns}, data);
    }

    /**
     * Copies a rank-2 array into a matrix.
     *
     * @return {@code [shape[0]][shape[1]]}
     * @throws IllegalStateException if the rank is not 2
     */
    public float[][] toMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException(
                    "toMatrix needs a rank-2 array; this one has shape " + Arrays.toString(shape));
        }
        float[][] rows = new float[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(data, r * shape[1], rows[r], 0, shape[1]);
        }
        return rows;
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /**
     * Reads a {@code .npy} file of dtype {@code <f4} (or {@code <f8}, narrowed to float).
     *
     * @param path the file
     * @return its contents
     * @throws MalformedNpyException if the header is malformed, the dtype or order unsupported, or
     *     the data truncated
     * @throws IOException if the file cannot be read or is a directory
     */
    public static NpyArray read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a directory; expected a .npy file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return NpyCodec.read(in, path.toString());
        }
    }

    /**
     * Reads one {@code .npy} stream; see {@link #read(Path)}.
     *
     * @param in the stream, positioned at the magic string; not closed
     * @param source a name for error messages, such as the file name
     * @return its contents
     * @throws IOException as for {@link #read(Path)}
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        return NpyCodec.read(in, source);
    }

    /**
     * Writes this array as a version 1.0 {@code .npy} file of dtype {@code <f4}.
     *
     * @param path the file, replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public void write(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            NpyCodec.write(this, out);
        }
    }

    /**
     * Writes this array as a version 1.0 {@code .npy} stream of dtype {@code <f4}.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    public void write(OutputStream out) throws IOException {
        NpyCodec.write(this, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray that
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray[shape=" + Arrays.toString(shape) + "]";
    }
}
