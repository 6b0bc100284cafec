// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import java.util.List;

/**
 * What one training step did.
 *
 * @param step steps completed, this one included
 * @param loss NVIDIA's WaveGlow loss of the batch (nats per sample without the normalising constant)
 * @param gradientNorm global L2 norm of the gradient before clipping
 * @param skipped whether the update was skipped because the loss or gradient was not finite
 * @param seconds wall time of the step
 * @param nonFiniteGradients the parameters whose gradient held an infinity or NaN (empty when none did)
 */
public record StepReport(long step, double loss, double gradientNorm, boolean skipped, double seconds,
        List<String> nonFiniteGradients) {

    /** Copies the list. */
    public StepReport {
        nonFiniteGradients = List.copyOf(nonFiniteGradients);
    }
}
