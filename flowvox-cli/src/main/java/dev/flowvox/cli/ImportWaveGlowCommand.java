package dev.flowvox.cli;

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

/** {@code flowvox import-waveglow}: NVIDIA state_dict (.npz) + config JSON to a model bundle. */
@Command(name = "import-waveglow", mixinStandardHelpOptions = true,
        description = "Convert an NVIDIA WaveGlow state_dict saved as .npz (see README) into a flowvox bundle.")
final class ImportWaveGlowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "W.npz", description = "state_dict saved with numpy.savez")
    Path weights;

    @Option(names = "--config", required = true, paramLabel = "C.json",
            description = "WaveGlow constructor arguments, or NVIDIA's config.json with a waveglow_config section")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "bundle to write (.flowvox)")
    Path out;

    @Option(names = "--description", paramLabel = "TEXT", description = "one line describing the model")
    String description;

    @Override
    public Integer call() throws Exception {
        FlowConfig flow = NvidiaConfig.read(config);
        MelConfig nvidia = MelConfig.nvidia22050();
        MelConfig mel = new MelConfig(nvidia.sampleRate(), nvidia.filterLength(), nvidia.hopLength(), nvidia.winLength(),
                flow.nMelChannels(), nvidia.fMin(), nvidia.fMax(), nvidia.logFloor());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("source weights", weights.toAbsolutePath().normalize().toString());
        facts.put("source config", config.toAbsolutePath().normalize().toString());
        try (NDManager manager = NDManager.newBaseManager();
                FlowParameters parameters = NvidiaCheckpoint.read(weights, flow, manager)) {
            facts.put("trainable parameters", Long.toString(parameters.trainableCount()));
            ModelInfo info = new ModelInfo(flow, mel, 1.0, Provenance.now(
                    description != null ? description : "NVIDIA WaveGlow imported from " + weights.getFileName(), facts));
            ModelBundle.save(out, info, parameters);
            spec.commandLine().getOut().printf("wrote %s: %d flows, groups of %d, %d trainable parameters%n", out, flow.nFlows(),
                    flow.nGroup(), parameters.trainableCount());
        }
        return 0;
    }
}
