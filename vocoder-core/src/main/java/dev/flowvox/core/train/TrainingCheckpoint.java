// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.google.gson.JsonObject;

import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.BundleFormatException;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Training checkpoints: a model bundle (so any checkpoint can be used as a model) plus the optimizer
 * moments (arrays {@code adam/m/NAME}, {@code adam/v/NAME}) and a manifest section {@code training}
 * with the step count, clocks, the sampler's generator state and the training settings.
 */
public final class TrainingCheckpoint {

    /** Manifest section with the training state. */
    public static final String TRAINING_SECTION = "training";
    private static final String FIRST = "adam/m/";
    private static final String SECOND = "adam/v/";

    private TrainingCheckpoint() {
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param path destination
     * @param trainer the run
     * @param info model description to store (with up-to-date provenance)
     * @throws IOException if writing fails
     */
    public static void save(Path path, Trainer trainer, ModelInfo info) throws IOException {
        BundleArchive.Writer writer = ModelBundle.writer(info, trainer.parameters());
        AdamOptimizer optimizer = trainer.optimizer();
        for (Map.Entry<String, NDArray> entry : optimizer.firstMoments().entrySet()) {
            writer.array(FIRST + entry.getKey(), ModelBundle.toNpy(entry.getValue()));
            writer.array(SECOND + entry.getKey(), ModelBundle.toNpy(optimizer.secondMoments().get(entry.getKey())));
        }
        TrainingState state = trainer.state();
        JsonObject training = new JsonObject();
        training.addProperty("step", state.step());
        training.addProperty("skipped_steps", state.skippedSteps());
        training.addProperty("elapsed_seconds", state.elapsedSeconds());
        training.addProperty("sampler_state", Long.toString(state.samplerState()));
        training.addProperty("adam_updates", optimizer.updates());
        training.add("config", TrainingConfigJson.toJson(trainer.config()));
        writer.section(TRAINING_SECTION, training).write(path);
    }

    /**
     * Continues a run from a checkpoint.
     *
     * @param path the checkpoint
     * @param corpus training audio
     * @param config settings to continue with ({@code null} keeps the checkpoint's)
     * @param manager owner of the run's native memory
     * @return the trainer, at the checkpoint's step
     * @throws BundleFormatException if the file is not a complete checkpoint
     * @throws IOException if it cannot be read
     */
    public static Trainer resume(Path path, Corpus corpus, TrainingConfig config, NDManager manager) throws IOException {
        return resume(path, corpus, config, manager, null);
    }

    /**
     * Continues a run from a checkpoint with another pitch predictor: the one part of a flow without
     * weights, so the weights, optimizer state and step carry over unchanged (fine-tuning).
     *
     * @param path the checkpoint
     * @param corpus training audio
     * @param config settings to continue with ({@code null} keeps the checkpoint's)
     * @param manager owner of the run's native memory
     * @param pitchPrediction the predictor to continue with ({@code null} keeps the checkpoint's)
     * @return the trainer, at the checkpoint's step
     * @throws BundleFormatException if the file is not a complete checkpoint
     * @throws IOException if it cannot be read
     */
    public static Trainer resume(Path path, Corpus corpus, TrainingConfig config, NDManager manager,
            PitchPrediction pitchPrediction) throws IOException {
        BundleArchive archive = BundleArchive.read(path);
        JsonObject training = archive.section(TRAINING_SECTION);
        ModelInfo stored = ModelBundle.info(archive);
        ModelInfo info = pitchPrediction == null ? stored : new ModelInfo(stored.flow().withPitchPrediction(pitchPrediction),
                stored.mel(), stored.trainingSigma(), stored.provenance());
        FlowParameters parameters = ModelBundle.parameters(archive, info, manager);
        try (NDManager scratch = manager.newSubManager()) {
            TrainingConfig settings = config != null ? config
                    : TrainingConfigJson.fromJson(training.getAsJsonObject("config"));
            TrainingState state = new TrainingState(
                    training.get("step").getAsLong(),
                    training.get("skipped_steps").getAsLong(),
                    training.get("elapsed_seconds").getAsDouble(),
                    Long.parseLong(training.get("sampler_state").getAsString()));
            AdamOptimizer optimizer = AdamOptimizer.restore(Trainer.trainableArrays(parameters),
                    ModelBundle.toArrays(scratch, archive.arrays(FIRST)),
                    ModelBundle.toArrays(scratch, archive.arrays(SECOND)),
                    training.get("adam_updates").getAsLong(), manager);
            SegmentSampler sampler = Trainer.sampler(info, settings, corpus, new SplitMix64(state.samplerState()));
            return new Trainer(info, settings, parameters, optimizer, sampler, state, manager);
        } catch (RuntimeException e) {
            parameters.close();
            throw new BundleFormatException(path + " is not a usable training checkpoint: " + e.getMessage(), e);
        }
    }
}
