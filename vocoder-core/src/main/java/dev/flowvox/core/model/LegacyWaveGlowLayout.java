// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Early NVIDIA WaveGlow checkpoints store each coupling network's conditioning as one convolution per
 * layer ({@code WN.k.cond_layers.i}) and, earlier still, the residual and skip outputs as separate
 * convolutions ({@code WN.k.res_layers.i}, {@code WN.k.skip_layers.i}). NVIDIA's {@code
 * convert_model.py} concatenates them into {@code cond_layer} and {@code res_skip_layers}; this does
 * the same on a {@code state_dict}, producing plain (weight-norm folded) weights.
 */
final class LegacyWaveGlowLayout {

    private LegacyWaveGlowLayout() {
    }

    /**
     * Rewrites legacy keys; a current-layout {@code state_dict} is returned unchanged.
     *
     * @param stateDict NVIDIA key to array
     * @param scratch owner of the new arrays
     * @return the upgraded {@code state_dict}
     */
    static Map<String, NDArray> upgrade(Map<String, NDArray> stateDict, NDManager scratch) {
        Map<String, NDArray> result = new LinkedHashMap<>(stateDict);
        for (int k = 0; hasPrefix(stateDict, "WN." + k + "."); k++) {
            String wn = "WN." + k + ".";
            if (hasPrefix(stateDict, wn + "cond_layers.")) {
                NDList weights = new NDList();
                NDList biases = new NDList();
                for (int i = 0; hasPrefix(stateDict, wn + "cond_layers." + i + "."); i++) {
                    weights.add(take(result, wn + "cond_layers." + i, scratch));
                    biases.add(result.remove(wn + "cond_layers." + i + ".bias"));
                }
                result.put(wn + "cond_layer.weight", NDArrays.concat(weights, 0));
                result.put(wn + "cond_layer.bias", NDArrays.concat(biases, 0));
            }
            if (hasPrefix(stateDict, wn + "skip_layers.")) {
                for (int i = 0; hasPrefix(stateDict, wn + "skip_layers." + i + "."); i++) {
                    NDArray skip = take(result, wn + "skip_layers." + i, scratch);
                    NDArray skipBias = result.remove(wn + "skip_layers." + i + ".bias");
                    String res = wn + "res_layers." + i;
                    String target = wn + "res_skip_layers." + i;
                    if (hasPrefix(stateDict, res + ".")) {
                        NDArray resBias = result.remove(res + ".bias");
                        result.put(target + ".weight", NDArrays.concat(new NDList(take(result, res, scratch), skip), 0));
                        result.put(target + ".bias", NDArrays.concat(new NDList(resBias, skipBias), 0));
                    } else {
                        result.put(target + ".weight", skip);
                        result.put(target + ".bias", skipBias);
                    }
                }
            }
        }
        return result;
    }

    /** Removes a convolution's weight entries and returns its effective weight. */
    private static NDArray take(Map<String, NDArray> stateDict, String prefix, NDManager scratch) {
        NDArray plain = stateDict.remove(prefix + ".weight");
        if (plain != null) {
            return plain;
        }
        NDArray g = stateDict.remove(prefix + ".weight_g");
        NDArray v = stateDict.remove(prefix + ".weight_v");
        if (g == null || v == null) {
            throw new IllegalArgumentException("legacy checkpoint has no weight (or weight_g and weight_v) for " + prefix);
        }
        NDArray vCopy = scratch.create(v.toFloatArray(), v.getShape());
        NDArray norm = vCopy.square().sum(new int[] {1, 2}, true).sqrt();
        return vCopy.mul(scratch.create(g.toFloatArray(), g.getShape()).div(norm));
    }

    private static boolean hasPrefix(Map<String, NDArray> stateDict, String prefix) {
        for (String key : stateDict.keySet()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
