// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import java.nio.file.Path;

/** Observes a {@link TrainingRun}; the CLI draws its progress bar from these calls. */
public interface TrainingListener {

    /**
     * After every step.
     *
     * @param report what the step did
     */
    void onStep(StepReport report);

    /**
     * After every validation pass.
     *
     * @param step steps completed
     * @param negativeLogLikelihood validation NLL (nats/sample)
     */
    void onValidation(long step, double negativeLogLikelihood);

    /**
     * After every checkpoint.
     *
     * @param step steps completed
     * @param checkpoint the file written
     */
    void onCheckpoint(long step, Path checkpoint);
}
