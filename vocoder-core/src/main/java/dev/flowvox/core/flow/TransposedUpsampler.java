// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * PyTorch's {@code ConvTranspose1d} for a kernel that is a whole number {@code m} of strides (NVIDIA's
 * upsampler: kernel 1024, stride 256), which DJL's PyTorch engine does not provide.
 *
 * <p>Each input frame {@code t} contributes {@code W[:, :, r] · x[:, t]} to output sample {@code t·S
 * + r}. That is a 1x1 convolution to {@code out·K} channels (one per output channel and tap)
 * followed by an overlap-add of the {@code m} blocks of {@code S} taps, shifted by one frame each.
 * Exact, differentiable, and as many multiply-adds as the transposed convolution.
 */
final class TransposedUpsampler {

    private TransposedUpsampler() {
    }

    /**
     * Applies the transposed convolution.
     *
     * @param x input {@code [batch, in, frames]}
     * @param weight PyTorch layout {@code [in, out, kernel]}, {@code kernel = m · stride}
     * @param bias {@code [out]}
     * @param stride upsampling factor (samples per frame)
     * @return {@code [batch, out, (frames - 1) · stride + kernel]}
     */
    static NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride) {
        long batch = x.getShape().get(0);
        long frames = x.getShape().get(2);
        long in = weight.getShape().get(0);
        long out = weight.getShape().get(1);
        long kernel = weight.getShape().get(2);
        if (kernel % stride != 0) {
            throw new IllegalArgumentException("kernel " + kernel + " is not a multiple of stride " + stride);
        }
        int blocks = (int) (kernel / stride);
        NDArray taps = weight.transpose(1, 2, 0).reshape(out * kernel, in, 1);
        NDArray perFrame = Conv1d.conv1d(x, taps).singletonOrThrow()
                .reshape(batch, out, blocks, stride, frames);
        NDList blockList = perFrame.split(blocks, 2);
        NDArray sum = null;
        for (int j = 0; j < blocks; j++) {
            NDArray block = blockList.get(j).reshape(batch, out, stride, frames);
            NDList shifted = new NDList();
            if (j > 0) {
                shifted.add(block.getManager().zeros(new Shape(batch, out, stride, j), block.getDataType()));
            }
            shifted.add(block);
            if (j < blocks - 1) {
                shifted.add(block.getManager().zeros(new Shape(batch, out, stride, blocks - 1 - j), block.getDataType()));
            }
            NDArray placed = NDArrays.concat(shifted, 3);
            sum = sum == null ? placed : sum.add(placed);
        }
        long outFrames = frames + blocks - 1;
        return sum.transpose(0, 1, 3, 2)
                .reshape(batch, out, outFrames * stride)
                .add(bias.reshape(new Shape(1, out, 1)));
    }
}
