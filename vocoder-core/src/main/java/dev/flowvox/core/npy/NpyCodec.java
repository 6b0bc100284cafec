// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.npy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format: a magic string, a version, a Python-literal header dictionary
 * ({@code descr}, {@code fortran_order}, {@code shape}) padded to 64 bytes, then raw elements.
 * Reads versions 1.0 to 3.0; writes 1.0.
 */
final class NpyCodec {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyCodec() {}

    static NpyArray read(InputStream in, String source) throws IOException {
        byte[] prefix = readFully(in, MAGIC.length + 2, source, "magic string and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new MalformedNpyException(
                        "not a .npy stream: " + source + " does not start with \\x93NUMPY");
            }
        }
        int major = prefix[MAGIC.length];
        int headerLength;
        if (major == 1) {
            ByteBuffer len = ByteBuffer.wrap(readFully(in, 2, source, "header length"));
            headerLength = len.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        } else if (major == 2 || major == 3) {
            ByteBuffer len = ByteBuffer.wrap(readFully(in, 4, source, "header length"));
            headerLength = len.order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new MalformedNpyException("unsupported .npy version " + major + "."
                    + prefix[MAGIC.length + 1] + " in " + source + "; expected 1.0, 2.0 or 3.0");
        }
        if (headerLength < 0) {
            throw new MalformedNpyException("negative header length in " + source);
        }
        String header = new String(readFully(in, headerLength, source, "header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, "descr", source);
        boolean fortran = "True".equals(field(FORTRAN, header, "fortran_order", source));
        int[] shape = parseShape(field(SHAPE, header, "shape", source), source);
        long count = 1;
        for (int extent : shape) {
            count *= extent;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new MalformedNpyException(count + " elements in " + source
                    + " exceed the largest Java array; expected at most " + (Integer.MAX_VALUE - 8));
        }
        float[] data = readElements(in, descr, (int) count, source);
        return new NpyArray(shape, fortran ? rowMajor(data, shape) : data);
    }

    /**
     * Reorders a Fortran-ordered array (first index fastest; NumPy writes transposed views this way)
     * into row-major order.
     */
    private static float[] rowMajor(float[] columnMajor, int[] shape) {
        float[] data = new float[columnMajor.length];
        int[] index = new int[shape.length];
        for (int i = 0; i < data.length; i++) {
            int position = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                position = position * shape[d] + index[d];
            }
            data[i] = columnMajor[position];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return data;
    }

    private static float[] readElements(InputStream in, String descr, int count, String source)
            throws IOException {
        float[] data = new float[count];
        if ("<f4".equals(descr)) {
            ByteBuffer bytes = ByteBuffer.wrap(readFully(in, count * 4L, source, "data"));
            bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else if ("<f8".equals(descr)) {
            ByteBuffer bytes = ByteBuffer.wrap(readFully(in, count * 8L, source, "data"));
            bytes.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                data[i] = (float) bytes.getDouble();
            }
        } else {
            throw new MalformedNpyException("unsupported dtype '" + descr + "' in " + source
                    + "; expected '<f4' (float32) or '<f8' (float64)");
        }
        return data;
    }

    private static String field(Pattern pattern, String header, String name, String source)
            throws MalformedNpyException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new MalformedNpyException("malformed .npy header in " + source + ": no '" + name
                    + "' entry in " + header.strip() + "; expected {'descr': '<f4', "
                    + "'fortran_order': False, 'shape': (...), }");
        }
        return matcher.group(1);
    }

    private static int[] parseShape(String tuple, String source) throws MalformedNpyException {
        String[] parts = tuple.split(",");
        int rank = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String digits = part.strip();
            if (digits.isEmpty()) {
                continue;
            }
            try {
                shape[rank++] = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new MalformedNpyException("malformed shape (" + tuple + ") in " + source
                        + "; expected a tuple of non-negative integers", e);
            }
            if (shape[rank - 1] < 0) {
                throw new MalformedNpyException("negative extent in shape (" + tuple + ") in "
                        + source + "; expected non-negative integers");
            }
        }
        return Arrays.copyOf(shape, rank);
    }

    private static byte[] readFully(InputStream in, long length, String source, String what)
            throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MalformedNpyException(what + " of " + length + " bytes in " + source
                    + " is larger than a Java array");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new MalformedNpyException("truncated .npy stream " + source + ": " + what
                    + " needs " + length + " bytes but only " + bytes.length + " remain",
                    new EOFException());
        }
        return bytes;
    }

    static void write(NpyArray array, OutputStream out) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int extent : array.shape()) {
            shape.append(extent).append(", ");
        }
        if (array.rank() > 0) {
            shape.setLength(shape.length() - (array.rank() == 1 ? 1 : 2));
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > 0xFFFF) {
            throw new IllegalArgumentException("rank " + array.rank()
                    + " header does not fit a version 1.0 .npy file (at most 65535 bytes)");
        }
        ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(prefix.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(array.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(array.data());
        out.write(data.array());
    }
}
