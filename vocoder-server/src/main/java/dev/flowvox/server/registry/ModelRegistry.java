// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.registry;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.flow.InferenceThreads;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.server.schedule.BatchListener;
import dev.flowvox.server.schedule.BatchPolicy;
import dev.flowvox.server.schedule.WindowBatcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * The models a server serves, by id. A model's id is its bundle's file name without {@code .flowvox}
 * ({@code models/en-fast.flowvox} is {@code en-fast}). Each model gets its own {@link WindowBatcher}.
 * Thread-safe after construction; closing it closes every model.
 */
public final class ModelRegistry implements AutoCloseable {

    /** File name suffix of model bundles. */
    public static final String SUFFIX = ".flowvox";

    private final Map<String, ServedModel> models;
    private final String defaultId;
    private final String scoreId;
    private final NDManager manager;

    private ModelRegistry(Map<String, ServedModel> models, String defaultId, String scoreId, NDManager manager) {
        this.models = Collections.unmodifiableMap(models);
        this.defaultId = defaultId;
        this.scoreId = scoreId;
        this.manager = manager;
    }

    /**
     * Loads bundles, on a thread that ends when they are loaded, after setting libtorch to one thread
     * per operation ({@link InferenceThreads#useOneIntraOpThread()}, for the whole process): the
     * server's concurrency comes from its workers, one per core by default, and no OpenMP pools
     * compete (see the server README, "Threads and libtorch").
     *
     * @param bundles bundle files, in order; the first is the default unless {@code defaultId} says
     * @param defaultId id of the default model, or null for the first bundle's
     * @param scoreId id of the model that scores requests naming none, or null for the default model
     * @param policy batching of every model
     * @param workers runs the batchers' workers ({@code workersPerModel} long-lived tasks per model);
     *     owned by the caller, who shuts it down after closing the registry
     * @param workersPerModel concurrent forward passes per model
     * @param listeners batch listener of each model, given its id and sample rate (Hz)
     * @return the registry
     * @throws IOException if a bundle cannot be read (the message names it)
     * @throws IllegalArgumentException if there is no bundle, two share an id, or the default or
     *     scoring model is unknown
     */
    public static ModelRegistry load(List<Path> bundles, String defaultId, String scoreId, BatchPolicy policy,
            Executor workers, int workersPerModel, BiFunction<String, Integer, BatchListener> listeners)
            throws IOException {
        try {
            return PassingThread.call("flowvox-model-loader", () -> loadHere(bundles, defaultId, scoreId, policy,
                    workers, workersPerModel, listeners));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("loading the models failed: " + e, e);
        }
    }

    /** {@link #load}, on the calling thread; the public method runs it on a {@link PassingThread}. */
    private static ModelRegistry loadHere(List<Path> bundles, String defaultId, String scoreId, BatchPolicy policy,
            Executor workers, int workersPerModel, BiFunction<String, Integer, BatchListener> listeners)
            throws IOException {
        InferenceThreads.useOneIntraOpThread();
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("no model bundles given; expected at least one " + SUFFIX + " file");
        }
        NDManager manager = NDManager.newBaseManager();
        Map<String, ServedModel> models = new LinkedHashMap<>();
        try {
            for (Path bundle : bundles) {
                String id = idOf(bundle);
                if (models.containsKey(id)) {
                    throw new IllegalArgumentException("two bundles have the model id '" + id + "': " + bundle);
                }
                VocoderModel model = ModelBundle.load(bundle, manager);
                model.flow();
                WindowBatcher batcher = new WindowBatcher(model.synthesizer()::synthesizeBatch, policy, workers,
                        workersPerModel, listeners.apply(id, model.info().sampleRate()));
                models.put(id, new ServedModel(id, model, batcher));
            }
            String chosen = defaultId == null ? models.keySet().iterator().next() : defaultId;
            if (!models.containsKey(chosen)) {
                throw new IllegalArgumentException("default model '" + chosen + "' is not among the loaded models "
                        + models.keySet());
            }
            String scoring = scoreId == null ? chosen : scoreId;
            if (!models.containsKey(scoring)) {
                throw new IllegalArgumentException("scoring model '" + scoring + "' is not among the loaded models "
                        + models.keySet());
            }
            return new ModelRegistry(models, chosen, scoring, manager);
        } catch (IOException | RuntimeException e) {
            models.values().forEach(ServedModel::close);
            manager.close();
            throw e;
        }
    }

    /**
     * The bundles of a directory ({@code *.flowvox}, not recursive), sorted by name.
     *
     * @param directory the models directory
     * @return the bundle files
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> bundlesIn(Path directory) throws IOException {
        List<Path> bundles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    bundles.add(file);
                }
            }
        }
        Collections.sort(bundles);
        return bundles;
    }

    /**
     * The id a bundle is served under.
     *
     * @param bundle a bundle file
     * @return its file name without {@code .flowvox}
     */
    public static String idOf(Path bundle) {
        String name = bundle.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    /**
     * A model by id.
     *
     * @param id model id; empty means the default
     * @return the model, or empty if the id is unknown
     */
    public Optional<ServedModel> find(String id) {
        return Optional.ofNullable(models.get(id.isEmpty() ? defaultId : id));
    }

    /** The default model's id. */
    public String defaultId() {
        return defaultId;
    }

    /**
     * A model to score with, by id.
     *
     * @param id model id; empty means the scoring model ({@link #scoreId()})
     * @return the model, or empty if the id is unknown
     */
    public Optional<ServedModel> findForScoring(String id) {
        return find(id.isEmpty() ? scoreId : id);
    }

    /** The id of the model that scores requests naming none. */
    public String scoreId() {
        return scoreId;
    }

    /** Every model, in load order. */
    public Collection<ServedModel> all() {
        return models.values();
    }

    /** The ids of every model, in load order (for error messages and listings). */
    public List<String> ids() {
        return List.copyOf(models.keySet());
    }

    /** Windows waiting in all models' queues. */
    public int queueDepth() {
        int depth = 0;
        for (ServedModel model : models.values()) {
            depth += model.batcher().queueDepth();
        }
        return depth;
    }

    @Override
    public void close() {
        models.values().forEach(ServedModel::close);
        manager.close();
    }
}
