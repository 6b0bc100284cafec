// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, whose complete state (both moments per parameter
 * and the update count) can be saved and restored, so that a resumed run continues exactly. DJL's
 * own optimizers keep their state private. Updates run in place with gradient recording off.
 */
public final class AdamOptimizer implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> firstMoments;
    private final Map<String, NDArray> secondMoments;
    private long updates;

    private AdamOptimizer(NDManager manager, Map<String, NDArray> first, Map<String, NDArray> second, long updates) {
        this.manager = manager;
        this.firstMoments = Collections.unmodifiableMap(first);
        this.secondMoments = Collections.unmodifiableMap(second);
        this.updates = updates;
    }

    /**
     * A fresh optimizer: zero moments.
     *
     * @param parameters the trainable arrays, by name
     * @param parent manager whose sub-manager will own the state
     * @return the optimizer
     */
    public static AdamOptimizer fresh(Map<String, NDArray> parameters, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> first = new LinkedHashMap<>();
        Map<String, NDArray> second = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            first.put(name, manager.zeros(p.getShape()));
            second.put(name, manager.zeros(p.getShape()));
        });
        return new AdamOptimizer(manager, first, second, 0);
    }

    /**
     * An optimizer restored from saved state.
     *
     * @param parameters the trainable arrays, by name (for the shapes)
     * @param first saved first moments
     * @param second saved second moments
     * @param updates updates applied so far
     * @param parent manager whose sub-manager will own the state
     * @return the optimizer
     * @throws IllegalArgumentException if a moment is missing or mis-shaped
     */
    public static AdamOptimizer restore(Map<String, NDArray> parameters, Map<String, NDArray> first,
            Map<String, NDArray> second, long updates, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> m = new LinkedHashMap<>();
        Map<String, NDArray> v = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            m.put(entry.getKey(), copy(manager, first, entry));
            v.put(entry.getKey(), copy(manager, second, entry));
        }
        return new AdamOptimizer(manager, m, v, updates);
    }

    private static NDArray copy(NDManager manager, Map<String, NDArray> saved, Map.Entry<String, NDArray> parameter) {
        NDArray array = saved.get(parameter.getKey());
        if (array == null || !array.getShape().equals(parameter.getValue().getShape())) {
            throw new IllegalArgumentException("optimizer state for " + parameter.getKey() + " is "
                    + (array == null ? "missing" : "of shape " + array.getShape()) + ", expected shape "
                    + parameter.getValue().getShape());
        }
        return manager.create(array.toFloatArray(), array.getShape());
    }

    /** Updates applied so far. */
    public long updates() {
        return updates;
    }

    /** First moments by parameter name. */
    public Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    /** Second moments by parameter name. */
    public Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /**
     * Applies one update in place: {@code p -= lr · m̂ / (√v̂ + ε)}.
     *
     * @param parameters trainable arrays by name
     * @param gradients their gradients by name
     * @param config step size, betas and epsilon
     */
    public void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, TrainingConfig config) {
        updates++;
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        double correction1 = 1 - Math.pow(config.beta1(), updates);
        double correction2 = 1 - Math.pow(config.beta2(), updates);
        float stepSize = (float) (config.learningRate() / correction1);
        float rootCorrection2 = (float) Math.sqrt(correction2);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            NDArray gradient = gradients.get(name);
            try (NDScope scope = new NDScope()) {
                NDArray m = firstMoments.get(name).muli(b1).addi(gradient.mul(1 - b1));
                NDArray v = secondMoments.get(name).muli(b2).addi(gradient.square().muli(1 - b2));
                NDArray denominator = v.sqrt().divi(rootCorrection2).addi((float) config.epsilon());
                entry.getValue().subi(m.div(denominator).muli(stepSize));
            }
        }
    }

    /** Frees the optimizer state. */
    @Override
    public void close() {
        manager.close();
    }
}
