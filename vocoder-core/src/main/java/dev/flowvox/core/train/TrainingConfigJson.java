// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import com.google.gson.JsonObject;

/** JSON form of {@link TrainingConfig} (the {@code config} of a checkpoint's training section). */
final class TrainingConfigJson {

    private TrainingConfigJson() {
    }

    static JsonObject toJson(TrainingConfig config) {
        JsonObject json = new JsonObject();
        json.addProperty("segment_samples", config.segmentSamples());
        json.addProperty("batch_size", config.batchSize());
        json.addProperty("learning_rate", config.learningRate());
        json.addProperty("beta1", config.beta1());
        json.addProperty("beta2", config.beta2());
        json.addProperty("epsilon", config.epsilon());
        json.addProperty("clip_norm", config.clipNorm());
        json.addProperty("sigma", config.sigma());
        json.addProperty("checkpoint_every", config.checkpointEvery());
        json.addProperty("validate_every", config.validateEvery());
        json.addProperty("validation_seconds", config.validationSeconds());
        json.addProperty("seed", Long.toString(config.seed()));
        return json;
    }

    static TrainingConfig fromJson(JsonObject json) {
        return new TrainingConfig(
                json.get("segment_samples").getAsInt(),
                json.get("batch_size").getAsInt(),
                json.get("learning_rate").getAsDouble(),
                json.get("beta1").getAsDouble(),
                json.get("beta2").getAsDouble(),
                json.get("epsilon").getAsDouble(),
                json.get("clip_norm").getAsDouble(),
                json.get("sigma").getAsDouble(),
                json.get("checkpoint_every").getAsInt(),
                json.get("validate_every").getAsInt(),
                json.get("validation_seconds").getAsDouble(),
                Long.parseLong(json.get("seed").getAsString()));
    }
}
