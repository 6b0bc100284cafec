// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import dev.flowvox.core.dsp.MelConfig;

/**
 * How {@link FlowParameters#initialize} draws a fresh model.
 *
 * @param seed seed of the deterministic generator
 * @param couplingOutputScale scale of the couplings' last layer relative to PyTorch's default
 *     uniform bound: {@code 0} reproduces NVIDIA (every coupling starts as the identity), a positive
 *     value starts with non-trivial scales and shifts
 * @param mel the mel convention of the conditioning, from which a {@link Squeeze#LAPPED} flow's
 *     {@link SpectralEnvelope} starts
 */
public record Initialization(long seed, double couplingOutputScale, MelConfig mel) {

    /** Validates the scale. */
    public Initialization {
        if (!(couplingOutputScale >= 0) || Double.isInfinite(couplingOutputScale)) {
            throw new IllegalArgumentException("coupling output scale must be finite and >= 0, got "
                    + couplingOutputScale);
        }
        if (mel == null) {
            throw new IllegalArgumentException("the mel convention is required");
        }
    }

    /**
     * An initialisation under NVIDIA's 22050 Hz mel convention.
     *
     * @param seed generator seed
     * @param couplingOutputScale scale of the couplings' last layer
     */
    public Initialization(long seed, double couplingOutputScale) {
        this(seed, couplingOutputScale, MelConfig.nvidia22050());
    }

    /**
     * NVIDIA's initialisation: random weights, identity couplings.
     *
     * @param seed generator seed
     * @return the initialisation
     */
    public static Initialization nvidia(long seed) {
        return new Initialization(seed, 0);
    }

    /**
     * NVIDIA's initialisation for a model conditioned on {@code mel}.
     *
     * @param seed generator seed
     * @param mel the mel convention
     * @return the initialisation
     */
    public static Initialization nvidia(long seed, MelConfig mel) {
        return new Initialization(seed, 0, mel);
    }
}
