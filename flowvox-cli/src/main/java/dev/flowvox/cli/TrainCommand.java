// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.NvidiaConfig;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.core.train.Corpus;
import dev.flowvox.core.train.Trainer;
import dev.flowvox.core.train.TrainingCheckpoint;
import dev.flowvox.core.train.TrainingConfig;
import dev.flowvox.core.train.TrainingRun;
import dev.flowvox.core.train.ValidationSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code flowvox train}: train (or continue training) a flow on a corpus. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a flow by maximum likelihood on random segments of a corpus (see scripts/prepare-corpus.sh). "
                + "Continues from RUN/checkpoint.flowvox when it exists; SIGINT/SIGTERM write a checkpoint and stop.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", defaultValue = "data/corpus/train.tsv", split = ",", paramLabel = "MANIFEST",
            description = "training manifests; several (comma-separated or repeated) are joined (default: ${DEFAULT-VALUE})")
    List<Path> trainManifests;

    @Option(names = "--valid", defaultValue = "data/corpus/valid.tsv", description = "validation manifest (default: ${DEFAULT-VALUE})")
    Path validManifest;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory: checkpoint, model, logs")
    Path run;

    @Option(names = "--steps", required = true, description = "total steps to reach (counting steps of earlier sessions)")
    long steps;

    @Option(names = "--from", paramLabel = "CHECKPOINT",
            description = "start from this checkpoint when the run directory has none (e.g. a committed one); "
                    + "the train.csv and valid.csv beside it carry over")
    Path from;

    @Option(names = "--pitch-gain", paramLabel = "G",
            description = "with --from: continue with the flow's pitch predictor at this voiced gain in [0, 1), "
                    + "0 for none (the predictor has no weights, so the checkpoint's carry over)")
    Double pitchGain;

    @Option(names = "--architecture", defaultValue = "spectral",
            description = "spectral (flowvox's CPU flow on lapped-transform coefficients), compact (the same "
                    + "shape on groups of samples) or waveglow (NVIDIA's published 256-channel flow); "
                    + "ignored when continuing (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--flow-config", paramLabel = "C.json", description = "NVIDIA-style WaveGlow config instead of --architecture")
    Path flowConfig;

    @Option(names = "--batch", defaultValue = "8", description = "segments per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--segment", defaultValue = "16000", description = "samples per segment (default: ${DEFAULT-VALUE})")
    int segment;

    @Option(names = "--lr", defaultValue = "4e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--clip", defaultValue = "10", description = "gradient norm clip (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "500", description = "steps between validations (default: ${DEFAULT-VALUE})")
    int validateEvery;

    @Option(names = "--seed", defaultValue = "1", description = "seed of weights and sampling (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps " + steps + "; expected the step count to reach, at least 1");
        }
        TrainingConfig config = new TrainingConfig(segment, batch, learningRate, 0.9, 0.999, 1e-8, clip, 1.0,
                checkpointEvery, validateEvery, 10.0, seed);
        Path checkpoint = run.resolve(TrainingRun.CHECKPOINT);
        if (pitchGain != null && (from == null || Files.exists(checkpoint))) {
            throw new IllegalArgumentException("--pitch-gain applies when a run starts --from a checkpoint; "
                    + (from == null ? "no --from was given" : checkpoint + " exists already, so the run continues as it is"));
        }
        MelConfig mel = MelConfig.nvidia22050();
        String trainNames = trainManifests.stream().map(Path::toString).collect(Collectors.joining(" + "));
        spec.commandLine().getErr().println("loading corpus " + trainNames + " ...");
        List<Corpus> parts = new ArrayList<>();
        for (Path manifest : trainManifests) {
            parts.add(Corpus.load(manifest, mel.sampleRate()));
        }
        Corpus train = Corpus.concat(parts);
        Corpus valid = Corpus.load(validManifest, mel.sampleRate());
        spec.commandLine().getErr().printf(Locale.ROOT, "training on %d clips (%.1f min), validating on %d clips (%.1f min)%n",
                train.clips().size(), train.totalSeconds() / 60, valid.clips().size(), valid.totalSeconds() / 60);
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer;
            if (Files.exists(checkpoint)) {
                trainer = TrainingCheckpoint.resume(checkpoint, train, config, manager);
            } else if (from != null) {
                trainer = TrainingCheckpoint.resume(from, train, config, manager, pitchGain == null ? null
                        : new PitchPrediction(pitchGain, PitchPrediction.SPEECH.threshold()));
                carryOverLogs(from.toAbsolutePath().getParent());
            } else {
                trainer = fresh(config, mel, train, manager);
            }
            try (trainer) {
                spec.commandLine().getErr().printf(Locale.ROOT, "%s at step %d of %d: %s, %d trainable parameters%n",
                        trainer.state().step() == 0 ? "starting" : "continuing", trainer.state().step(), steps,
                        trainer.info().flow(), trainer.parameters().trainableCount());
                ValidationSet validation = ValidationSet.of(valid, config.validationSeconds(), trainer.info().flow().nGroup(),
                        new MelSpectrogram(trainer.info().mel()));
                String data = String.format(Locale.ROOT, "%s (%d clips, %.1f min)", trainNames, train.clips().size(),
                        train.totalSeconds() / 60);
                try (TrainingProgress progress = new TrainingProgress(trainer.state().step(), steps)) {
                    TrainingRun training = new TrainingRun(trainer, validation, run, data, progress);
                    Thread hook = new Thread(() -> {
                        training.requestStop();
                        try {
                            training.awaitFinished(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "flowvox-train-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    training.run(steps);
                }
                spec.commandLine().getErr().println("checkpoint: " + checkpoint + "  model: " + run.resolve(TrainingRun.MODEL));
            }
        }
        return 0;
    }

    /** Copies the logs beside a --from checkpoint into the new run, so its curves show the whole history. */
    private void carryOverLogs(Path fromDirectory) throws IOException {
        Files.createDirectories(run);
        for (String log : List.of("train.csv", "valid.csv")) {
            Path source = fromDirectory.resolve(log);
            if (Files.exists(source) && !Files.exists(run.resolve(log))) {
                Files.copy(source, run.resolve(log));
                spec.commandLine().getErr().println("continuing the log " + source);
            }
        }
    }

    private Trainer fresh(TrainingConfig config, MelConfig mel, Corpus train, NDManager manager) throws IOException {
        FlowConfig flow = flowConfig != null ? NvidiaConfig.read(flowConfig) : switch (architecture) {
            case "spectral" -> FlowConfig.spectral();
            case "compact" -> FlowConfig.compact();
            case "waveglow" -> FlowConfig.publishedWaveGlow();
            default -> throw new IllegalArgumentException("unknown --architecture " + architecture
                    + "; expected spectral, compact or waveglow");
        };
        ModelInfo info = new ModelInfo(flow, mel, config.sigma(),
                Provenance.now("flowvox " + (flowConfig != null ? flowConfig.getFileName().toString() : architecture)
                        + " flow trained with flowvox train", Map.of()));
        return Trainer.fresh(info, config, train, manager);
    }
}
