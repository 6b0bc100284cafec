// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.torch;

import dev.flowvox.core.torch.Unpickler.PyGlobal;
import dev.flowvox.core.torch.Unpickler.PyObject;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the floating-point tensors of a file written by PyTorch's {@code torch.save}, without Python
 * and without running any of its code: the zip format (PyTorch 1.6 and later) and the legacy format
 * before it, in which NVIDIA published WaveGlow. Whatever was saved, the result is a {@code
 * state_dict}: a whole {@code nn.Module} (NVIDIA's {@code torch.save(model)}) is flattened through its
 * {@code _parameters}, {@code _buffers} and {@code _modules}; a training checkpoint's dict is searched
 * under {@code model} and {@code state_dict}; a saved {@code state_dict} is taken as it is.
 */
public final class TorchCheckpoint {

    /** The legacy format's first pickle, {@code torch.serialization.MAGIC_NUMBER}. */
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final String[] MODEL_KEYS = {"model", "state_dict", "model_state_dict", "generator"};

    private TorchCheckpoint() {
    }

    /** A reference to one storage, resolved to its bytes after the pickle is read. */
    private record StorageRef(String key, DType dtype) {
    }

    /** A tensor as a view of a storage. */
    private record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
    }

    /** Element types of storages: their width, and whether they hold weights. */
    private enum DType {
        FLOAT(4, true), DOUBLE(8, true), HALF(2, true), BFLOAT16(2, true),
        BYTE(1, false), SHORT(2, false), INT(4, false), LONG(8, false);

        final int size;
        final boolean floating;

        DType(int size, boolean floating) {
            this.size = size;
            this.floating = floating;
        }

        static DType of(PyGlobal storageType) {
            return switch (storageType.name()) {
                case "FloatStorage" -> FLOAT;
                case "DoubleStorage" -> DOUBLE;
                case "HalfStorage" -> HALF;
                case "BFloat16Storage" -> BFLOAT16;
                case "ByteStorage", "CharStorage", "BoolStorage" -> BYTE;
                case "ShortStorage" -> SHORT;
                case "IntStorage" -> INT;
                case "LongStorage" -> LONG;
                default -> throw new IllegalArgumentException("storage type " + storageType + " is not supported");
            };
        }
    }

    /**
     * A float32 copy of one tensor.
     *
     * @param shape its sizes
     * @param data its values in row-major order
     */
    public record Tensor(long[] shape, float[] data) {
    }

    /**
     * Whether a file looks like {@code torch.save} output (zip with a {@code data.pkl}, or a pickle).
     *
     * @param path a file
     * @return true for both PyTorch formats, false for anything else (e.g. NumPy's .npz)
     * @throws IOException if it cannot be read
     */
    public static boolean isTorchFile(Path path) throws IOException {
        byte[] head = head(path);
        if (head.length == 2 && (head[0] & 0xFF) == 0x80) {
            return true;
        }
        if (isZip(head)) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                return dataPickle(zip) != null;
            }
        }
        return false;
    }

    /**
     * Reads the state dict of a {@code torch.save} file.
     *
     * @param path the file
     * @return parameter name to float32 tensor, in the saved order; {@code module.} prefixes (from
     *     {@code DataParallel}) removed
     * @throws IOException if the file is neither format or holds no module, state dict or tensors
     */
    public static Map<String, Tensor> stateDict(Path path) throws IOException {
        Object root;
        Map<String, ByteBuffer> storages = new HashMap<>();
        List<TensorRef> tensors = new ArrayList<>();
        try {
            root = isZip(head(path)) ? readZip(path, storages, tensors) : readLegacy(path, storages, tensors);
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new IOException("malformed torch.save file " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> found = new LinkedHashMap<>();
        collect(root, found, path);
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : found.entrySet()) {
            if (entry.getValue() instanceof TensorRef tensor && tensor.storage().dtype().floating) {
                String name = entry.getKey().startsWith("module.") ? entry.getKey().substring(7) : entry.getKey();
                result.put(name, materialize(tensor, storages, name, path));
            }
        }
        if (result.isEmpty()) {
            throw new IOException(path + " holds no floating-point tensors of a model");
        }
        return result;
    }

    private static byte[] head(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(2);
        }
    }

    private static boolean isZip(byte[] head) {
        return head.length == 2 && head[0] == 'P' && head[1] == 'K';
    }

    private static Object readZip(Path path, Map<String, ByteBuffer> storages, List<TensorRef> tensors)
            throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry pickle = dataPickle(zip);
            if (pickle == null) {
                throw new IOException(path + " is a zip archive without data.pkl: not a torch.save file (a NumPy "
                        + ".npz? then pass it as it is)");
            }
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pickle))) {
                Map<String, StorageRef> refs = new HashMap<>();
                root = new Unpickler(in, id -> persistent(id, refs), (g, a) -> rebuild(g, a, tensors)).load();
            }
            for (TensorRef tensor : tensors) {
                String key = tensor.storage().key();
                if (!storages.containsKey(key)) {
                    ZipEntry data = zip.getEntry(prefix + "data/" + key);
                    if (data == null) {
                        throw new IOException(path + " lacks storage " + prefix + "data/" + key);
                    }
                    try (InputStream in = zip.getInputStream(data)) {
                        storages.put(key, ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN));
                    }
                }
            }
            return root;
        }
    }

    private static ZipEntry dataPickle(ZipFile zip) {
        return zip.stream().filter(e -> e.getName().endsWith("data.pkl") && e.getName().indexOf('/') >= 0
                && e.getName().indexOf('/') == e.getName().lastIndexOf('/')).findFirst().orElse(null);
    }

    private static Object readLegacy(Path path, Map<String, ByteBuffer> storages, List<TensorRef> tensors)
            throws IOException {
        Map<String, StorageRef> refs = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            Object magic;
            try {
                magic = plain(in);
            } catch (IOException e) {
                throw new IOException(path + " is neither a torch.save file nor a zip archive: " + e.getMessage(), e);
            }
            if (!LEGACY_MAGIC.equals(magic)) {
                throw new IOException(path + " is a pickle but not a torch.save file (first value " + magic + ")");
            }
            plain(in);
            plain(in);
            Object root = new Unpickler(in, id -> persistent(id, refs), (g, a) -> rebuild(g, a, tensors)).load();
            Object keys = plain(in);
            if (!(keys instanceof List<?> order)) {
                throw new IOException(path + ": expected the list of storage keys after the pickle, found " + keys);
            }
            for (Object key : order) {
                StorageRef ref = refs.get(String.valueOf(key));
                byte[] header = in.readNBytes(Long.BYTES);
                if (ref == null || header.length != Long.BYTES) {
                    throw new IOException(path + ": storage " + key + " is listed but " + (ref == null
                            ? "no tensor uses it" : "the file ends before it"));
                }
                long count = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
                int elementSize = ref.dtype().size;
                byte[] data = in.readNBytes(Math.toIntExact(count * elementSize));
                if (data.length != count * elementSize) {
                    throw new IOException(path + " ends inside storage " + key);
                }
                storages.put(String.valueOf(key), ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
            }
            return root;
        }
    }

    private static Object plain(InputStream in) throws IOException {
        return new Unpickler(in, id -> id, (g, a) -> null).load();
    }

    /**
     * Resolves a persistent id: a storage ({@code ('storage', type, key, location, numel, ...)}) or, in
     * the legacy format, a module class saved with its source ({@code ('module', class, file,
     * source)}), which stands for the class.
     */
    private static Object persistent(Object id, Map<String, StorageRef> refs) {
        if (id instanceof List<?> fields && fields.size() >= 2) {
            if ("module".equals(fields.get(0))) {
                return fields.get(1);
            }
            if ("storage".equals(fields.get(0)) && fields.size() >= 3 && fields.get(1) instanceof PyGlobal type) {
                StorageRef ref = new StorageRef(String.valueOf(fields.get(2)), DType.of(type));
                refs.put(ref.key(), ref);
                return ref;
            }
        }
        throw new IllegalArgumentException("unknown persistent id " + id + "; expected ('storage', type, key, ...)");
    }

    private static Object rebuild(PyGlobal global, List<Object> args, List<TensorRef> tensors) {
        if (global.module().equals("torch.nn.parameter") && global.name().equals("Parameter") && !args.isEmpty()) {
            return args.get(0);
        }
        if (!global.module().equals("torch._utils")) {
            return null;
        }
        switch (global.name()) {
            case "_rebuild_tensor", "_rebuild_tensor_v2" -> {
                TensorRef tensor = new TensorRef((StorageRef) args.get(0), ((Number) args.get(1)).longValue(),
                        longs(args.get(2)), longs(args.get(3)));
                tensors.add(tensor);
                return tensor;
            }
            case "_rebuild_parameter", "_rebuild_parameter_with_state" -> {
                return args.get(0);
            }
            default -> {
                return null;
            }
        }
    }

    private static long[] longs(Object tuple) {
        return ((List<?>) tuple).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** Walks a saved object for a module tree or a state dict and records its tensors by name. */
    private static void collect(Object root, Map<String, Object> found, Path path) throws IOException {
        if (root instanceof Map<?, ?> map) {
            for (String key : MODEL_KEYS) {
                if (map.get(key) instanceof PyObject || map.get(key) instanceof Map<?, ?>) {
                    collect(map.get(key), found, path);
                    return;
                }
            }
            if (map.values().stream().anyMatch(v -> v instanceof TensorRef)) {
                map.forEach((k, v) -> found.put(String.valueOf(k), v));
                return;
            }
        } else if (root instanceof PyObject module && module.state() instanceof Map<?, ?> state
                && state.containsKey("_modules")) {
            flatten(module, "", found);
            return;
        }
        throw new IOException(path + " holds neither a model nor a state dict (found " + describe(root)
                + "); expected torch.save(model), torch.save(model.state_dict()) or a training checkpoint with one"
                + " under 'model' or 'state_dict'");
    }

    private static void flatten(PyObject module, String prefix, Map<String, Object> found) {
        Map<?, ?> state = (Map<?, ?>) module.state();
        for (String group : new String[] {"_parameters", "_buffers"}) {
            if (state.get(group) instanceof Map<?, ?> tensors) {
                tensors.forEach((name, tensor) -> {
                    if (tensor != null) {
                        found.put(prefix + name, tensor);
                    }
                });
            }
        }
        if (state.get("_modules") instanceof Map<?, ?> children) {
            children.forEach((name, child) -> {
                if (child instanceof PyObject submodule && submodule.state() instanceof Map<?, ?>) {
                    flatten(submodule, prefix + name + ".", found);
                }
            });
        }
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            return "a dict with keys " + map.keySet();
        }
        return value == null ? "None" : value.toString();
    }

    private static Tensor materialize(TensorRef tensor, Map<String, ByteBuffer> storages, String name, Path path)
            throws IOException {
        ByteBuffer bytes = storages.get(tensor.storage().key());
        if (bytes == null) {
            throw new IOException(path + ": storage " + tensor.storage().key() + " of " + name + " is missing");
        }
        long[] shape = tensor.shape();
        long count = 1;
        for (long size : shape) {
            if (size < 0 || (size > 0 && count > Integer.MAX_VALUE / size)) {
                throw new IOException(path + ": " + name + " has shape " + Arrays.toString(shape)
                        + "; expected non-negative sizes of at most 2^31 elements in all");
            }
            count *= size;
        }
        float[] data = new float[(int) count];
        long[] index = new long[shape.length];
        int size = tensor.storage().dtype().size;
        for (int i = 0; i < data.length; i++) {
            long element = tensor.offset();
            for (int d = 0; d < shape.length; d++) {
                element += index[d] * tensor.stride()[d];
            }
            long position = element * size;
            if (position < 0 || position + size > bytes.capacity()) {
                throw new IOException(path + ": " + name + " reaches past the end of its storage");
            }
            data[i] = value(bytes, (int) position, tensor.storage().dtype());
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return new Tensor(shape.clone(), data);
    }

    private static float value(ByteBuffer bytes, int position, DType dtype) {
        return switch (dtype) {
            case FLOAT -> bytes.getFloat(position);
            case DOUBLE -> (float) bytes.getDouble(position);
            case HALF -> half(bytes.getShort(position));
            case BFLOAT16 -> Float.intBitsToFloat((bytes.getShort(position) & 0xFFFF) << 16);
            default -> throw new IllegalStateException(dtype + " is not a floating-point storage");
        };
    }

    /** IEEE 754 binary16 to binary32, subnormals, infinities and NaN included. */
    static float half(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mantissa << 13);
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
