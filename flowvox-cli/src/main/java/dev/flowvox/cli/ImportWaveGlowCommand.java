// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.NvidiaCheckpoint;
import dev.flowvox.core.model.NvidiaConfig;
import dev.flowvox.core.model.Provenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code flowvox import-waveglow}: an NVIDIA WaveGlow checkpoint ({@code torch.save} file or NumPy
 * state_dict) to a model bundle, with the configuration given or read off the weights' shapes.
 */
@Command(name = "import-waveglow", mixinStandardHelpOptions = true,
        description = "Convert an NVIDIA WaveGlow checkpoint into a flowvox bundle: NVIDIA's published .pt files, "
                + "training checkpoints or state dicts as torch.save wrote them (read without Python), or a "
                + "state_dict saved with numpy.savez.")
final class ImportWaveGlowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "a torch.save file (.pt: the whole model, a training checkpoint or a state_dict) or a "
                    + "state_dict saved with numpy.savez (.npz)")
    Path weights;

    @Option(names = "--config", paramLabel = "C.json",
            description = "WaveGlow constructor arguments, or NVIDIA's config.json with a waveglow_config section "
                    + "(default: read off the weights' shapes)")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "bundle to write (.flowvox)")
    Path out;

    @Option(names = "--description", paramLabel = "TEXT", description = "one line describing the model")
    String description;

    @Override
    public Integer call() throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("source weights", weights.toAbsolutePath().normalize().toString());
        try (NDManager manager = NDManager.newBaseManager(); NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> stateDict = NvidiaCheckpoint.stateDict(weights, scratch);
            Map<String, long[]> shapes = new LinkedHashMap<>();
            stateDict.forEach((name, array) -> shapes.put(name, array.getShape().getShape()));
            FlowConfig flow;
            if (config != null) {
                flow = NvidiaConfig.read(config);
                facts.put("source config", config.toAbsolutePath().normalize().toString());
            } else {
                flow = NvidiaConfig.infer(shapes);
                facts.put("source config", "read off the weights' shapes");
                spec.commandLine().getErr().println("configuration read off the weights: " + describe(flow));
            }
            MelConfig nvidia = MelConfig.nvidia22050();
            MelConfig mel = new MelConfig(nvidia.sampleRate(), nvidia.filterLength(), nvidia.hopLength(),
                    nvidia.winLength(), flow.nMelChannels(), nvidia.fMin(), nvidia.fMax(), nvidia.logFloor());
            try (FlowParameters parameters = convert(stateDict, shapes, flow, manager)) {
                facts.put("trainable parameters", Long.toString(parameters.trainableCount()));
                ModelInfo info = new ModelInfo(flow, mel, 1.0, Provenance.now(description != null ? description
                        : "NVIDIA WaveGlow imported from " + weights.getFileName(), facts));
                ModelBundle.save(out, info, parameters);
                spec.commandLine().getOut().printf("wrote %s: %d flows, groups of %d, %d trainable parameters%n", out,
                        flow.nFlows(), flow.nGroup(), parameters.trainableCount());
            }
        }
        return 0;
    }

    /** Converts; when a given configuration does not fit, says what the weights' own shapes say. */
    private FlowParameters convert(Map<String, NDArray> stateDict, Map<String, long[]> shapes, FlowConfig flow,
            NDManager manager) {
        try {
            return NvidiaCheckpoint.convert(stateDict, flow, manager);
        } catch (IllegalArgumentException mismatch) {
            if (config == null) {
                throw mismatch;
            }
            FlowConfig own;
            try {
                own = NvidiaConfig.infer(shapes);
            } catch (IllegalArgumentException notWaveGlow) {
                throw mismatch;
            }
            throw new IllegalArgumentException(mismatch.getMessage() + "\nthe weights' own shapes say " + describe(own)
                    + "; leave out --config to use them", mismatch);
        }
    }

    private static String describe(FlowConfig flow) {
        return String.format("n_mel_channels %d, n_flows %d, n_group %d, n_early_every %d, n_early_size %d, "
                + "WN n_layers %d, n_channels %d, kernel_size %d", flow.nMelChannels(), flow.nFlows(), flow.nGroup(),
                flow.nEarlyEvery(), flow.nEarlySize(), flow.waveNet().nLayers(), flow.waveNet().nChannels(),
                flow.waveNet().kernelSize());
    }
}
