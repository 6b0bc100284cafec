// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.core.model.VocoderModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The models the benchmarks time: the shipped model, and NVIDIA's published 256-channel WaveGlow
 * with random weights (its speed does not depend on the weights).
 */
final class BenchmarkModels {

    /** Name of the shipped model in benchmark parameters. */
    static final String SHIPPED = "shipped";
    /** Name of the published WaveGlow configuration in benchmark parameters. */
    static final String WAVEGLOW_256 = "waveglow256";

    private BenchmarkModels() {
    }

    /**
     * Loads or builds a model.
     *
     * @param name {@link #SHIPPED} or {@link #WAVEGLOW_256}
     * @param manager owner of the model
     * @return the model
     * @throws IOException if the shipped bundle cannot be read
     */
    static VocoderModel load(String name, NDManager manager) throws IOException {
        if (SHIPPED.equals(name)) {
            return ModelBundle.load(shippedModel(), manager);
        }
        if (WAVEGLOW_256.equals(name)) {
            FlowConfig config = FlowConfig.publishedWaveGlow();
            ModelInfo info = new ModelInfo(config, MelConfig.nvidia22050(), 1.0,
                    Provenance.now("NVIDIA's published 256-channel WaveGlow configuration, random weights", Map.of()));
            return new VocoderModel(info, FlowParameters.initialize(config, manager, new Initialization(1, 1.0)), manager);
        }
        throw new IllegalArgumentException("unknown model " + name + "; expected " + SHIPPED + " or " + WAVEGLOW_256);
    }

    /** The shipped bundle: {@code -Dflowvox.model=PATH}, else {@code models/default/model.flowvox} of the checkout. */
    static Path shippedModel() {
        String configured = System.getProperty("flowvox.model");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("flowvox.home", "."), "models",
                "default", "model.flowvox");
    }
}
