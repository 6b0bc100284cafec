// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link Trainer} in a run directory: steps until a target, validation and checkpoints at
 * their intervals, CSV logs, and a last checkpoint when stopped early ({@link #requestStop()}, e.g.
 * from a SIGTERM handler) or when done. The directory holds {@code checkpoint.flowvox} (resumable),
 * {@code model.flowvox} (the weights alone, for use), {@code train.csv}, {@code valid.csv} and
 * {@code loss.png}.
 */
public final class TrainingRun {

    /** File name of the resumable checkpoint in a run directory. */
    public static final String CHECKPOINT = "checkpoint.flowvox";
    /** File name of the exported model in a run directory. */
    public static final String MODEL = "model.flowvox";

    private final Trainer trainer;
    private final ValidationSet validation;
    private final Path directory;
    private final String dataDescription;
    private final TrainingListener listener;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private double lastValidation = Double.NaN;

    /**
     * @param trainer the run's state
     * @param validation fixed validation set
     * @param directory run directory
     * @param dataDescription what the model is trained on, for the provenance
     * @param listener progress observer
     */
    public TrainingRun(Trainer trainer, ValidationSet validation, Path directory, String dataDescription,
            TrainingListener listener) {
        this.trainer = trainer;
        this.validation = validation;
        this.directory = directory;
        this.dataDescription = dataDescription;
        this.listener = listener;
    }

    /**
     * Trains until {@code targetStep} steps have been taken or a stop is requested, then writes a
     * checkpoint.
     *
     * @param targetStep total steps to reach
     * @throws IOException if a log or checkpoint cannot be written
     */
    public void run(long targetStep) throws IOException {
        TrainingConfig config = trainer.config();
        try (TrainingLog log = new TrainingLog(directory, trainer.state().step())) {
            while (trainer.state().step() < targetStep && !stopRequested) {
                StepReport report = trainer.step();
                log.step(report, trainer.state().elapsedSeconds());
                listener.onStep(report);
                long step = report.step();
                if (step % config.validateEvery() == 0) {
                    lastValidation = trainer.validate(validation);
                    log.validation(step, trainer.state().elapsedSeconds(), lastValidation);
                    listener.onValidation(step, lastValidation);
                }
                if (step % config.checkpointEvery() == 0) {
                    log.flush();
                    checkpoint();
                    LossCurve.write(directory, directory.resolve(LossCurve.FILE));
                }
            }
            log.flush();
            if (trainer.state().step() % config.checkpointEvery() != 0) {
                checkpoint();
            }
        } finally {
            finished.countDown();
        }
    }

    /** Asks the loop to stop after the current step and write its checkpoint. Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Waits until {@link #run} has returned.
     *
     * @param seconds longest wait
     * @return true if it finished in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitFinished(long seconds) throws InterruptedException {
        return finished.await(seconds, TimeUnit.SECONDS);
    }

    private void checkpoint() throws IOException {
        ModelInfo info = describe();
        Path path = directory.resolve(CHECKPOINT);
        TrainingCheckpoint.save(path, trainer, info);
        ModelBundle.save(directory.resolve(MODEL), info, trainer.parameters());
        listener.onCheckpoint(trainer.state().step(), path);
    }

    private ModelInfo describe() {
        ModelInfo info = trainer.info();
        TrainingState state = trainer.state();
        Provenance provenance = info.provenance()
                .with("training data", dataDescription)
                .with("steps", Long.toString(state.step()))
                .with("skipped steps", Long.toString(state.skippedSteps()))
                .with("wall hours", String.format(Locale.ROOT, "%.2f", state.elapsedSeconds() / 3600))
                .with("trainable parameters", Long.toString(trainer.parameters().trainableCount()))
                .with("batch", trainer.config().batchSize() + " x " + trainer.config().segmentSamples() + " samples")
                .with("learning rate", Double.toString(trainer.config().learningRate()));
        if (!Double.isNaN(lastValidation)) {
            provenance = provenance.with("validation NLL (nats/sample)", String.format(Locale.ROOT, "%.4f", lastValidation));
        }
        return new ModelInfo(info.flow(), info.mel(), info.trainingSigma(), provenance);
    }
}
