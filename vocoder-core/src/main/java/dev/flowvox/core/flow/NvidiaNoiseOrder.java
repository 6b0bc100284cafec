// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * NVIDIA's {@code infer()} draws its noise as a sequence: first the {@code n_remaining_channels}
 * channels that start the inverse pass, then, at each early-output flow from the last to the
 * first, the {@code n_early_size} channels re-inserted there. Our latent keeps the forward order
 * (early outputs first), so the sequence maps to {@code z = cat(noise_m, …, noise_1, noise_0)}.
 */
public final class NvidiaNoiseOrder {

    private NvidiaNoiseOrder() {
    }

    /**
     * Assembles the latent from NVIDIA's noise tensors.
     *
     * @param config flow shape
     * @param noises {@code noise_0 [batch, n_remaining, groups]}, then one {@code [batch, n_early_size,
     *     groups]} per early output, in the order {@code infer()} draws them
     * @return {@code [batch, n_group, groups]}
     * @throws IllegalArgumentException if the count or channel counts do not fit {@code config}
     */
    public static NDArray toLatent(FlowConfig config, List<NDArray> noises) {
        int exits = config.nEarlySize() == 0 ? 0 : (config.nFlows() - 1) / config.nEarlyEvery();
        if (noises.size() != exits + 1) {
            throw new IllegalArgumentException("expected " + (exits + 1) + " noise tensors (1 initial + " + exits
                    + " early), got " + noises.size());
        }
        for (int i = 0; i < noises.size(); i++) {
            long expected = i == 0 ? config.remainingChannels() : config.nEarlySize();
            long channels = noises.get(i).getShape().get(1);
            if (channels != expected) {
                throw new IllegalArgumentException("noise " + i + " has " + channels + " channels, expected " + expected);
            }
        }
        NDList reversed = new NDList();
        for (int i = noises.size() - 1; i >= 0; i--) {
            reversed.add(noises.get(i));
        }
        return reversed.size() == 1 ? reversed.get(0) : NDArrays.concat(reversed, 1);
    }
}
