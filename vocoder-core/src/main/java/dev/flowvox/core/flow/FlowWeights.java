// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/**
 * The weights the network computes with: every convolution's effective weight and bias (weight norm
 * folded in), and per flow the 1x1 matrix {@code W}, its inverse and {@code log|det W|}.
 *
 * <p>Made by {@link FlowParameters#fold} for inference (constants) or {@link
 * FlowParameters#differentiable} for training (derived from the trained parameters inside a
 * gradient collector).
 */
public final class FlowWeights implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> convolutions;
    private final NDArray[] forward;
    private final NDArray[] inverse;
    private final NDArray[] logDet;

    FlowWeights(NDManager manager, Map<String, NDArray> convolutions, NDArray[] forward, NDArray[] inverse,
            NDArray[] logDet) {
        this.manager = manager;
        this.convolutions = Map.copyOf(convolutions);
        this.forward = forward.clone();
        this.inverse = inverse == null ? null : inverse.clone();
        this.logDet = logDet.clone();
    }

    /**
     * Effective weight of a convolution.
     *
     * @param conv the convolution
     * @return {@code [out, in, kernel]} ({@code [in, out, kernel]} for the transposed upsampler)
     */
    public NDArray weight(ConvSpec conv) {
        return convolutions.get(conv.weight());
    }

    /**
     * Bias of a convolution.
     *
     * @param conv the convolution
     * @return {@code [out]}
     */
    public NDArray bias(ConvSpec conv) {
        return convolutions.get(conv.bias());
    }

    /**
     * Flow {@code k}'s 1x1 matrix as a convolution weight.
     *
     * @param k flow index
     * @return {@code W}, {@code [c, c, 1]}
     */
    public NDArray invertible(int k) {
        return forward[k];
    }

    /**
     * Flow {@code k}'s inverse 1x1 matrix as a convolution weight.
     *
     * @param k flow index
     * @return {@code W^-1}, {@code [c, c, 1]}
     * @throws IllegalStateException for training weights, which carry no inverse
     */
    public NDArray inverseInvertible(int k) {
        if (inverse == null) {
            throw new IllegalStateException("these weights were made for training and carry no inverse; fold() them");
        }
        return inverse[k];
    }

    /**
     * Flow {@code k}'s {@code log|det W|} (nats per group of samples).
     *
     * @param k flow index
     * @return scalar
     */
    public NDArray logDet(int k) {
        return logDet[k];
    }

    /** Frees the native memory of the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
