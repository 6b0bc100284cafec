// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import java.util.List;

/**
 * One 1-D convolution of the flow, named as in NVIDIA's {@code state_dict}.
 *
 * @param prefix parameter name prefix, e.g. {@code WN.0.in_layers.1}
 * @param outChannels output channels
 * @param inChannelsPerGroup input channels seen by each filter ({@code 1} for depthwise)
 * @param kernelSize kernel width
 * @param weightNorm whether the weight is stored as {@code weight_g · weight_v / ‖weight_v‖}
 * @param zeroInit whether training starts from zero weights and bias (the coupling's last layer,
 *     so that every coupling starts as the identity)
 * @param transposed whether the weight has PyTorch's transposed-convolution layout
 *     {@code [in, out, kernel]} (the upsampler)
 */
public record ConvSpec(String prefix, int outChannels, int inChannelsPerGroup, int kernelSize,
        boolean weightNorm, boolean zeroInit, boolean transposed) {

    /** Name of the effective (or plain) weight. */
    public String weight() {
        return prefix + ".weight";
    }

    /** Name of the bias. */
    public String bias() {
        return prefix + ".bias";
    }

    /** Name of the weight-norm magnitude {@code g}, shape {@code [out, 1, 1]}. */
    public String weightG() {
        return prefix + ".weight_g";
    }

    /** Name of the weight-norm direction {@code v}, shape of the weight. */
    public String weightV() {
        return prefix + ".weight_v";
    }

    /** Shape of the effective weight. */
    public long[] weightShape() {
        return transposed
                ? new long[] {inChannelsPerGroup, outChannels, kernelSize}
                : new long[] {outChannels, inChannelsPerGroup, kernelSize};
    }

    /** Inputs summed by one output value, for PyTorch's default uniform initialisation bound. */
    public int fanIn() {
        return (transposed ? outChannels : inChannelsPerGroup) * kernelSize;
    }

    /** Names of the stored parameters: {@code weight_g, weight_v, bias} or {@code weight, bias}. */
    public List<String> storedNames() {
        return weightNorm ? List.of(weightG(), weightV(), bias()) : List.of(weight(), bias());
    }
}
