// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Products with constants that are safe in a graph autograd differentiates. DJL's {@code mul(Number)}
 * and {@code div(Number)} wrap the number in a tensor over a Java buffer and close it at once; the
 * garbage collector may then free that buffer while autograd still holds the factor for the backward
 * pass, which reads freed memory. The same holds for any array made from Java data with {@code
 * create} and closed before the backward pass. Before this class, training read such memory: random
 * gradients came out NaN, infinite, zero or wrong; 0.4% of the default model's steps were skipped,
 * others were applied with wrong but finite gradients, and under frequent garbage collection every
 * step was corrupted. Here the factor is a tensor libtorch allocated, which autograd keeps alive.
 */
final class Scalars {

    private Scalars() {
    }

    /**
     * @param array any array
     * @param factor the constant
     * @return {@code array · factor}
     */
    static NDArray times(NDArray array, double factor) {
        return array.mul(array.getManager().full(new Shape(), (float) factor));
    }
}
