// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.flow.ConvSpec;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowLayout;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.InvertibleSpec;
import dev.flowvox.core.flow.LuDecomposition;
import dev.flowvox.core.flow.WeightNorm;
import dev.flowvox.core.npy.MalformedNpyException;
import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.core.npy.Npz;
import dev.flowvox.core.torch.TorchCheckpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts an NVIDIA WaveGlow {@code state_dict} into {@link FlowParameters}. Weight-normed
 * convolutions may come as {@code weight_g}/{@code weight_v} or, after NVIDIA's {@code
 * remove_weightnorm}, as a plain {@code weight}; the 1x1 convolutions' matrices are LU-decomposed in
 * double precision. A {@code module.} prefix (from {@code DataParallel}) is ignored, and checkpoints in
 * NVIDIA's early layout (per-layer {@code cond_layers}, separate {@code res_layers}/{@code
 * skip_layers}) are upgraded as NVIDIA's {@code convert_model.py} does.
 */
public final class NvidiaCheckpoint {

    private NvidiaCheckpoint() {
    }

    /**
     * Reads a checkpoint ({@link #stateDict}) and converts it.
     *
     * @param weights a {@code .npz} or {@code torch.save} file
     * @param config the flow shape it was trained with
     * @param parent manager whose sub-manager will own the parameters
     * @return the parameters
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming what does not match the configuration
     */
    public static FlowParameters read(Path weights, FlowConfig config, NDManager parent) throws IOException {
        try (NDManager scratch = parent.newSubManager()) {
            return convert(stateDict(weights, scratch), config, parent);
        }
    }

    /**
     * Reads a checkpoint's {@code state_dict}: a {@code numpy.savez} archive of it, or any file
     * {@code torch.save} wrote ({@link TorchCheckpoint}: NVIDIA's published {@code .pt} files, training
     * checkpoints, saved modules or state dicts). {@code module.} prefixes ({@code DataParallel}) are
     * removed.
     *
     * @param weights the file
     * @param manager manager of the arrays
     * @return NVIDIA key to array, in the saved order
     * @throws IOException if the file is neither
     */
    public static Map<String, NDArray> stateDict(Path weights, NDManager manager) throws IOException {
        Map<String, NDArray> stateDict = new LinkedHashMap<>();
        if (TorchCheckpoint.isTorchFile(weights)) {
            TorchCheckpoint.stateDict(weights).forEach((name, tensor) ->
                    stateDict.put(name, manager.create(tensor.data(), new Shape(tensor.shape()))));
            return stateDict;
        }
        Map<String, NpyArray> arrays;
        try {
            arrays = Npz.read(weights);
        } catch (MalformedNpyException e) {
            throw new IOException(weights + " is neither a torch.save file nor a NumPy .npz archive ("
                    + e.getMessage() + ")", e);
        }
        for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
            String name = entry.getKey();
            int[] shape = entry.getValue().shape();
            stateDict.put(name.startsWith("module.") ? name.substring("module.".length()) : name,
                    manager.create(entry.getValue().data(), new Shape(Arrays.stream(shape).asLongStream().toArray())));
        }
        return stateDict;
    }

    /**
     * Converts a {@code state_dict} already in memory.
     *
     * @param stateDict NVIDIA key to array
     * @param config the flow shape
     * @param parent manager whose sub-manager will own the parameters
     * @return the parameters
     */
    public static FlowParameters convert(Map<String, NDArray> stateDict, FlowConfig config, NDManager parent) {
        FlowLayout layout = new FlowLayout(config);
        StringBuilder missing = new StringBuilder();
        Map<String, NDArray> stored = new LinkedHashMap<>();
        try (NDManager scratch = parent.newSubManager()) {
            Map<String, NDArray> current = LegacyWaveGlowLayout.upgrade(stateDict, scratch);
            TreeSet<String> unused = new TreeSet<>(current.keySet());
            for (ConvSpec conv : layout.convolutions()) {
                NDArray bias = take(current, conv.bias(), unused, missing);
                if (bias != null) {
                    stored.put(conv.bias(), bias);
                }
                if (!conv.weightNorm()) {
                    NDArray weight = take(current, conv.weight(), unused, missing);
                    if (weight != null) {
                        stored.put(conv.weight(), weight);
                    }
                } else if (current.containsKey(conv.weight())) {
                    NDArray weight = take(current, conv.weight(), unused, missing);
                    stored.put(conv.weightV(), weight);
                    long rows = weight.getShape().get(0);
                    float[] g = WeightNorm.magnitudes(weight.toType(DataType.FLOAT32, false).toFloatArray(), (int) rows);
                    stored.put(conv.weightG(), scratch.create(g, new Shape(rows, 1, 1)));
                } else {
                    NDArray g = take(current, conv.weightG(), unused, missing);
                    NDArray v = take(current, conv.weightV(), unused, missing);
                    if (g != null && v != null) {
                        stored.put(conv.weightG(), g);
                        stored.put(conv.weightV(), v);
                    }
                }
            }
            for (InvertibleSpec inv : layout.invertibles()) {
                NDArray w = take(current, inv.nvidiaWeight(), unused, missing);
                if (w != null) {
                    putInvertible(stored, inv, w, scratch);
                }
            }
            if (missing.length() > 0 || !unused.isEmpty()) {
                throw new IllegalArgumentException("checkpoint does not match the configuration " + config
                        + (missing.length() > 0 ? "; missing:" + missing : "")
                        + (unused.isEmpty() ? "" : "; unexpected keys: " + unused));
            }
            return FlowParameters.of(config, parent, stored);
        }
    }

    private static NDArray take(Map<String, NDArray> stateDict, String name, TreeSet<String> unused,
            StringBuilder missing) {
        NDArray array = stateDict.get(name);
        if (array == null) {
            missing.append(' ').append(name);
            return null;
        }
        unused.remove(name);
        return array;
    }

    private static void putInvertible(Map<String, NDArray> stored, InvertibleSpec inv, NDArray w, NDManager scratch) {
        int c = inv.channels();
        if (!w.getShape().equals(new Shape(c, c, 1))) {
            throw new IllegalArgumentException(inv.nvidiaWeight() + " has shape " + w.getShape() + ", expected ("
                    + c + ", " + c + ", 1)");
        }
        float[] flat = w.toType(DataType.FLOAT32, false).toFloatArray();
        double[][] matrix = new double[c][c];
        for (int r = 0; r < c; r++) {
            for (int col = 0; col < c; col++) {
                matrix[r][col] = flat[r * c + col];
            }
        }
        LuDecomposition lu;
        try {
            lu = LuDecomposition.of(matrix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(inv.nvidiaWeight() + ": " + e.getMessage(), e);
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        FlowParameters.putLu(values, inv, lu);
        values.forEach((name, data) -> stored.put(name, scratch.create(data,
                data.length == c ? new Shape(c) : new Shape(c, c))));
    }
}
