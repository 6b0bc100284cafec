package dev.flowvox.core.flow;

/**
 * How {@link FlowParameters#initialize} draws a fresh model.
 *
 * @param seed seed of the deterministic generator
 * @param couplingOutputScale scale of the couplings' last layer relative to PyTorch's default
 *     uniform bound: {@code 0} reproduces NVIDIA (every coupling starts as the identity), a positive
 *     value starts with non-trivial scales and shifts
 */
public record Initialization(long seed, double couplingOutputScale) {

    /** Validates the scale. */
    public Initialization {
        if (!(couplingOutputScale >= 0) || Double.isInfinite(couplingOutputScale)) {
            throw new IllegalArgumentException("coupling output scale must be finite and >= 0, got "
                    + couplingOutputScale);
        }
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
}
