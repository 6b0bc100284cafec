// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The stored, trainable parameters of a flow, named and shaped by its {@link FlowLayout}:
 * weight-normed convolutions as {@code weight_g}/{@code weight_v}, the others as {@code weight},
 * and the invertible 1x1 convolutions in LU form (see {@link InvertibleSpec}). All float32.
 */
public final class FlowParameters implements AutoCloseable {

    private final FlowLayout layout;
    private final NDManager manager;
    private final Map<String, NDArray> arrays;

    private FlowParameters(FlowLayout layout, NDManager manager, Map<String, NDArray> arrays) {
        this.layout = layout;
        this.manager = manager;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /**
     * Takes over stored parameters, checking that the names and shapes are exactly those of
     * {@code config}. The arrays are copied into a new sub-manager of {@code parent}.
     *
     * @param config flow shape
     * @param parent manager whose sub-manager will own the copies
     * @param stored parameter name to array
     * @return the parameters
     * @throws IllegalArgumentException naming every missing, unexpected or mis-shaped parameter
     */
    public static FlowParameters of(FlowConfig config, NDManager parent, Map<String, NDArray> stored) {
        FlowLayout layout = new FlowLayout(config);
        Map<String, long[]> expected = layout.storedShapes();
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            NDArray array = stored.get(entry.getKey());
            if (array == null) {
                problems.append("\n  missing ").append(entry.getKey()).append(' ').append(Arrays.toString(entry.getValue()));
            } else if (!Arrays.equals(array.getShape().getShape(), entry.getValue())) {
                problems.append("\n  ").append(entry.getKey()).append(" has shape ").append(array.getShape())
                        .append(", expected ").append(Arrays.toString(entry.getValue()));
            }
        }
        for (String name : stored.keySet()) {
            if (!expected.containsKey(name)) {
                problems.append("\n  unexpected parameter ").append(name);
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("parameters do not match the flow configuration " + config + ":" + problems);
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> copies = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            NDArray source = stored.get(name);
            copies.put(name, manager.create(source.toType(DataType.FLOAT32, false).toFloatArray(), source.getShape()));
        }
        return new FlowParameters(layout, manager, copies);
    }

    /**
     * Draws a fresh model: PyTorch's default uniform initialisation for the convolutions (weight norm
     * starting at {@code g = ‖v‖}), random rotations (determinant +1) for the 1x1 convolutions, and
     * the couplings' last layers as {@code init} says. A {@link Squeeze#LAPPED} flow starts instead
     * with its {@link SpectralEnvelope} from the mel convention and {@link BandPermutations}.
     *
     * @param config flow shape
     * @param parent manager whose sub-manager will own the parameters
     * @param init seed and coupling scale
     * @return the parameters
     */
    public static FlowParameters initialize(FlowConfig config, NDManager parent, Initialization init) {
        FlowLayout layout = new FlowLayout(config);
        SplittableRandom random = new SplittableRandom(init.seed());
        Map<String, float[]> values = new HashMap<>();
        for (ConvSpec conv : layout.convolutions()) {
            double bound = 1 / Math.sqrt(conv.fanIn());
            if (conv.zeroInit()) {
                bound *= init.couplingOutputScale();
            }
            long weightSize = new Shape(conv.weightShape()).size();
            float[] weight = uniform(random, (int) weightSize, bound);
            values.put(conv.bias(), uniform(random, conv.outChannels(), bound));
            if (conv.weightNorm()) {
                values.put(conv.weightV(), weight);
                values.put(conv.weightG(), WeightNorm.magnitudes(weight, conv.outChannels()));
            } else {
                values.put(conv.weight(), weight);
            }
        }
        boolean lapped = config.squeeze() == Squeeze.LAPPED;
        if (lapped) {
            if (init.mel().nMels() != config.nMelChannels()) {
                throw new IllegalArgumentException("the spectral envelope starts from a mel of " + init.mel().nMels()
                        + " bands, but the flow is conditioned on " + config.nMelChannels());
            }
            ConvSpec envelope = layout.convolution(FlowLayout.ENVELOPE);
            values.put(envelope.weight(), SpectralEnvelope.initialWeights(init.mel(), config.nGroup()));
            values.put(envelope.bias(), SpectralEnvelope.initialBias(init.mel(), config.nGroup()));
        }
        double[][][] permutations = lapped ? BandPermutations.of(config) : null;
        for (int k = 0; k < config.nFlows(); k++) {
            InvertibleSpec inv = layout.invertible(k);
            double[][] w = lapped ? permutations[k] : randomRotation(random, inv.channels());
            putLu(values, inv, LuDecomposition.of(w));
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        layout.storedShapes().forEach((name, shape) -> arrays.put(name, manager.create(values.get(name), new Shape(shape))));
        return new FlowParameters(layout, manager, arrays);
    }

    /**
     * Stores an invertible matrix's LU factors under {@code inv}'s names.
     *
     * @param values name to values, receives five entries
     * @param inv the invertible convolution
     * @param lu decomposition of its matrix
     */
    public static void putLu(Map<String, float[]> values, InvertibleSpec inv, LuDecomposition lu) {
        int c = inv.channels();
        values.put(inv.permutation(), flatten(lu.permutationMatrix()));
        values.put(inv.lower(), flatten(lu.lower()));
        values.put(inv.upper(), flatten(lu.upper()));
        float[] logScale = new float[c];
        float[] sign = new float[c];
        for (int i = 0; i < c; i++) {
            logScale[i] = (float) Math.log(Math.abs(lu.diagonal()[i]));
            sign[i] = lu.diagonal()[i] < 0 ? -1f : 1f;
        }
        values.put(inv.logScale(), logScale);
        values.put(inv.sign(), sign);
    }

    /** The layout these parameters follow. */
    public FlowLayout layout() {
        return layout;
    }

    /** The flow shape. */
    public FlowConfig config() {
        return layout.config();
    }

    /** Name to array, in layout order; the arrays belong to these parameters. */
    public Map<String, NDArray> arrays() {
        return arrays;
    }

    /** Number of trainable scalars. */
    public long trainableCount() {
        return arrays.entrySet().stream()
                .filter(e -> FlowLayout.isTrainable(e.getKey()))
                .mapToLong(e -> e.getValue().size())
                .sum();
    }

    /**
     * Constant inference weights: weight norm folded, {@code W} and {@code W^-1} composed from the LU
     * factors in double precision. Call with gradient recording off.
     *
     * @param parent manager whose sub-manager will own the weights
     * @return weights to synthesize and score with; close them when done
     */
    public FlowWeights fold(NDManager parent) {
        NDManager out = parent.newSubManager();
        Map<String, NDArray> convolutions = foldConvolutions(out);
        int n = layout.config().nFlows();
        NDArray[] forward = new NDArray[n];
        NDArray[] inverse = new NDArray[n];
        NDArray[] logDet = new NDArray[n];
        for (int k = 0; k < n; k++) {
            LuDecomposition lu = luOf(layout.invertible(k));
            forward[k] = asConvWeight(out, lu.compose());
            inverse[k] = asConvWeight(out, lu.inverse());
            logDet[k] = out.create((float) lu.logAbsDeterminant());
        }
        return new FlowWeights(out, convolutions, forward, inverse, logDet);
    }

    /**
     * Training weights derived from these parameters with differentiable operations, so that
     * gradients reach the parameters. They carry no inverse.
     *
     * @param parent manager whose sub-manager will own the weights
     * @return weights for a forward pass; close them after the backward pass
     */
    public FlowWeights differentiable(NDManager parent) {
        NDManager out = parent.newSubManager();
        Map<String, NDArray> convolutions = foldConvolutions(out);
        int n = layout.config().nFlows();
        NDArray[] forward = new NDArray[n];
        NDArray[] logDet = new NDArray[n];
        for (int k = 0; k < n; k++) {
            InvertibleSpec inv = layout.invertible(k);
            try (NDScope scope = new NDScope()) {
                int c = inv.channels();
                NDArray eye = out.eye(c);
                NDArray lowerMask = triangleMask(out, c, true);
                NDArray upperMask = triangleMask(out, c, false);
                NDArray logScale = arrays.get(inv.logScale());
                NDArray lower = arrays.get(inv.lower()).mul(lowerMask).add(eye);
                NDArray diagonal = eye.mul(arrays.get(inv.sign()).mul(logScale.exp()));
                NDArray upper = arrays.get(inv.upper()).mul(upperMask).add(diagonal);
                NDArray w = arrays.get(inv.permutation()).matMul(lower).matMul(upper).expandDims(2);
                NDArray det = logScale.sum();
                forward[k] = keep(scope, w, out);
                logDet[k] = keep(scope, det, out);
            }
        }
        return new FlowWeights(out, convolutions, forward, null, logDet);
    }

    /** Frees the native memory of the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    private Map<String, NDArray> foldConvolutions(NDManager out) {
        Map<String, NDArray> result = new HashMap<>();
        for (ConvSpec conv : layout.convolutions()) {
            try (NDScope scope = new NDScope()) {
                NDArray weight;
                if (conv.weightNorm()) {
                    NDArray v = arrays.get(conv.weightV());
                    NDArray norm = v.square().sum(new int[] {1, 2}, true).sqrt();
                    weight = v.mul(arrays.get(conv.weightG()).div(norm));
                } else {
                    // a copy the weights may close, through which gradients still reach the parameter
                    weight = Scalars.times(arrays.get(conv.weight()), 1);
                }
                result.put(conv.weight(), keep(scope, weight, out));
                result.put(conv.bias(), keep(scope, Scalars.times(arrays.get(conv.bias()), 1), out));
            }
        }
        return result;
    }

    private static NDArray keep(NDScope scope, NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }

    private LuDecomposition luOf(InvertibleSpec inv) {
        double[][] p = square(arrays.get(inv.permutation()));
        int c = inv.channels();
        int[] permutation = new int[c];
        for (int r = 0; r < c; r++) {
            for (int col = 0; col < c; col++) {
                if (p[r][col] == 1) {
                    permutation[col] = r;
                }
            }
        }
        float[] logScale = arrays.get(inv.logScale()).toFloatArray();
        float[] sign = arrays.get(inv.sign()).toFloatArray();
        double[] diagonal = new double[c];
        for (int i = 0; i < c; i++) {
            diagonal[i] = sign[i] * Math.exp(logScale[i]);
        }
        double[][] lower = square(arrays.get(inv.lower()));
        double[][] upper = square(arrays.get(inv.upper()));
        for (int r = 0; r < c; r++) {
            for (int col = 0; col < c; col++) {
                if (col >= r) {
                    lower[r][col] = 0;
                }
                if (col <= r) {
                    upper[r][col] = 0;
                }
            }
        }
        return new LuDecomposition(permutation, lower, upper, diagonal);
    }

    private static double[][] square(NDArray array) {
        int c = (int) array.getShape().get(0);
        float[] flat = array.toFloatArray();
        double[][] m = new double[c][c];
        for (int r = 0; r < c; r++) {
            for (int col = 0; col < c; col++) {
                m[r][col] = flat[r * c + col];
            }
        }
        return m;
    }

    /**
     * 1 strictly below (or above) the diagonal, 0 elsewhere, {@code [c, c]}. Computed by libtorch, not
     * made from a Java array: {@link #differentiable}'s scope closes it before the backward pass reads
     * it ({@link Scalars}).
     */
    private static NDArray triangleMask(NDManager manager, int c, boolean below) {
        NDArray index = manager.arange(c);
        NDArray rows = index.reshape(c, 1);
        NDArray columns = index.reshape(1, c);
        return (below ? columns.lt(rows) : columns.gt(rows)).toType(DataType.FLOAT32, false);
    }

    private static NDArray asConvWeight(NDManager manager, double[][] m) {
        int c = m.length;
        return manager.create(flatten(m), new Shape(c, c, 1));
    }

    private static float[] flatten(double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = (float) m[r][c];
            }
        }
        return flat;
    }

    private static float[] uniform(SplittableRandom random, int size, double bound) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** A random rotation: Gram-Schmidt on a Gaussian matrix, first column negated if det < 0. */
    private static double[][] randomRotation(SplittableRandom random, int c) {
        double[][] columns = new double[c][c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < c; i++) {
                columns[j][i] = random.nextGaussian();
            }
            for (int prev = 0; prev < j; prev++) {
                double dot = 0;
                for (int i = 0; i < c; i++) {
                    dot += columns[j][i] * columns[prev][i];
                }
                for (int i = 0; i < c; i++) {
                    columns[j][i] -= dot * columns[prev][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < c; i++) {
                norm += columns[j][i] * columns[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < c; i++) {
                columns[j][i] /= norm;
            }
        }
        double[][] w = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                w[i][j] = columns[j][i];
            }
        }
        if (LuDecomposition.of(w).determinantSign() < 0) {
            for (int i = 0; i < c; i++) {
                w[i][0] = -w[i][0];
            }
        }
        return w;
    }
}
