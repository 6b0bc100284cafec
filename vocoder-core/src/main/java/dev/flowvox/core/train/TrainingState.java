// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

/**
 * Where a training run stands, besides its weights and optimizer moments.
 *
 * @param step optimizer steps taken (skipped ones included)
 * @param skippedSteps steps whose update was skipped for a non-finite loss or gradient
 * @param elapsedSeconds wall time spent training and validating, over all sessions
 * @param samplerState state of the segment sampler's generator
 */
public record TrainingState(long step, long skippedSteps, double elapsedSeconds, long samplerState) {

    /**
     * The state of a new run.
     *
     * @param seed sampling seed
     * @return step 0
     */
    public static TrainingState start(long seed) {
        return new TrainingState(0, 0, 0, seed);
    }
}
