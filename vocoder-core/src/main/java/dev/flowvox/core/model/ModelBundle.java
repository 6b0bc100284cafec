// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;

import dev.flowvox.core.calibration.CalibrationSection;

import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.npy.NpyArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model bundles: one {@link BundleArchive} file ({@code .flowvox}) holding a model's configuration,
 * mel settings, training sigma, provenance (manifest section {@code model}) and its stored
 * parameters (arrays {@code params/NAME}, float32, NVIDIA's names, LU form for the 1x1
 * convolutions). Documented for users in the core module's README.
 */
public final class ModelBundle {

    /** Manifest section holding the model description. */
    public static final String MODEL_SECTION = "model";
    /** Array name prefix of the parameters. */
    public static final String PARAMS = "params/";

    private ModelBundle() {
    }

    /**
     * Writes a model.
     *
     * @param path destination (conventionally {@code NAME.flowvox})
     * @param info description
     * @param parameters weights
     * @throws IOException if writing fails
     */
    public static void save(Path path, ModelInfo info, FlowParameters parameters) throws IOException {
        writer(info, parameters).write(path);
    }

    /**
     * A writer preloaded with a model, to which checkpoints add their training state.
     *
     * @param info description
     * @param parameters weights
     * @return the writer
     * @throws IOException if encoding fails
     */
    public static BundleArchive.Writer writer(ModelInfo info, FlowParameters parameters) throws IOException {
        BundleArchive.Writer writer = new BundleArchive.Writer().section(MODEL_SECTION, describe(info));
        for (Map.Entry<String, NDArray> entry : parameters.arrays().entrySet()) {
            writer.array(PARAMS + entry.getKey(), toNpy(entry.getValue()));
        }
        return writer;
    }

    /**
     * Reads a model.
     *
     * @param path the bundle
     * @param parent manager whose sub-managers will own the model
     * @return the model; close it when done
     * @throws BundleFormatException if the file is truncated, corrupt, of an unknown version or does
     *     not match its own configuration
     * @throws IOException if the file cannot be read
     */
    public static VocoderModel load(Path path, NDManager parent) throws IOException {
        return load(BundleArchive.read(path), parent);
    }

    /**
     * Builds the model held by an archive already read.
     *
     * @param archive a bundle or checkpoint
     * @param parent manager whose sub-managers will own the model
     * @return the model
     * @throws BundleFormatException if the model does not match its configuration or its calibration
     *     or synthesis section is malformed
     */
    public static VocoderModel load(BundleArchive archive, NDManager parent) throws BundleFormatException {
        ModelInfo info = info(archive);
        return new VocoderModel(info, parameters(archive, info, parent), parent,
                CalibrationSection.read(archive).orElse(null), SynthesisDefaults.read(archive));
    }

    /**
     * The parameters held by an archive already read.
     *
     * @param archive a bundle or checkpoint
     * @param info its model description
     * @param parent manager whose sub-manager will own the parameters
     * @return the parameters
     * @throws BundleFormatException if they do not match the configuration
     */
    public static FlowParameters parameters(BundleArchive archive, ModelInfo info, NDManager parent)
            throws BundleFormatException {
        try (NDManager scratch = parent.newSubManager()) {
            return FlowParameters.of(info.flow(), parent, toArrays(scratch, archive.arrays(PARAMS)));
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(archive.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model description of an archive.
     *
     * @param archive a bundle or checkpoint
     * @return the description
     * @throws BundleFormatException if it is missing or malformed
     */
    public static ModelInfo info(BundleArchive archive) throws BundleFormatException {
        JsonObject model = archive.section(MODEL_SECTION);
        try {
            JsonObject provenance = ConfigJson.object(model, "provenance");
            Map<String, String> facts = new LinkedHashMap<>();
            ConfigJson.object(provenance, "facts").entrySet().forEach(e -> facts.put(e.getKey(), e.getValue().getAsString()));
            return new ModelInfo(
                    ConfigJson.flow(ConfigJson.object(model, "flow")),
                    ConfigJson.mel(ConfigJson.object(model, "mel")),
                    ConfigJson.number(model, "training_sigma"),
                    new Provenance(ConfigJson.string(provenance, "description"), ConfigJson.string(provenance, "created"),
                            facts));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new BundleFormatException(archive.source() + " has a malformed model description: " + e.getMessage(), e);
        }
    }

    /**
     * Copies NumPy-style arrays into NDArrays.
     *
     * @param manager owner of the results
     * @param arrays name to array
     * @return name to NDArray, same order
     */
    public static Map<String, NDArray> toArrays(NDManager manager, Map<String, NpyArray> arrays) {
        Map<String, NDArray> result = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            long[] shape = new long[array.shape().length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = array.shape()[i];
            }
            result.put(name, manager.create(array.data(), new Shape(shape)));
        });
        return result;
    }

    /**
     * Copies an NDArray into a NumPy-style array.
     *
     * @param array float32 values
     * @return the copy
     */
    public static NpyArray toNpy(NDArray array) {
        long[] shape = array.getShape().getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        return new NpyArray(dims, array.toFloatArray());
    }

    private static JsonObject describe(ModelInfo info) {
        JsonObject facts = new JsonObject();
        info.provenance().facts().forEach(facts::addProperty);
        JsonObject provenance = new JsonObject();
        provenance.addProperty("description", info.provenance().description());
        provenance.addProperty("created", info.provenance().created());
        provenance.add("facts", facts);
        JsonObject model = new JsonObject();
        model.add("flow", ConfigJson.flow(info.flow()));
        model.add("mel", ConfigJson.mel(info.mel()));
        model.addProperty("training_sigma", info.trainingSigma());
        model.add("provenance", provenance);
        return model;
    }
}
