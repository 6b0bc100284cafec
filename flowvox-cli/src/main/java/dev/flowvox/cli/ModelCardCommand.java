// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.quality.CopySynthesisReport;
import dev.flowvox.core.train.Corpus;
import dev.flowvox.core.train.LossCurve;
import dev.flowvox.core.train.TrainingLog;
import dev.flowvox.core.train.TrainingRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code flowvox model-card}: ship a run's model with a card of measured numbers. */
@Command(name = "model-card", mixinStandardHelpOptions = true,
        description = "Copy a training run's model into a model directory and write its model card: architecture, "
                + "data, steps, validation NLL curve, speed on this machine, copy-synthesis quality against Griffin-Lim.")
final class ModelCardCommand implements Callable<Integer> {

    private static final String UNSEEN_DIR = "evaluation-unseen";
    private static final String UNREFINED_DIR = "evaluation-unrefined";

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "training run directory")
    Path run;

    @Option(names = "--out", defaultValue = "models/default", paramLabel = "DIR",
            description = "model directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--valid", defaultValue = "data/corpus/valid.tsv", description = "evaluation clips (default: ${DEFAULT-VALUE})")
    Path manifest;

    @Option(names = "--sigma", description = "flow latent scale for copy synthesis (default: the model's recommended "
            + "sigma)")
    Double sigma;

    @Option(names = "--eval-clips", defaultValue = "1000000", description = "evaluate at most this many clips")
    int evalClips;

    @Option(names = "--unseen", paramLabel = "MANIFEST",
            description = "also evaluate clips of speakers the model never heard, e.g. data/corpus-nl/valid.tsv "
                    + "(scripts/prepare-corpus.sh --language nl), into DIR/evaluation-unseen")
    Path unseen;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path model = out.resolve("model.flowvox");
        Files.copy(run.resolve(TrainingRun.MODEL), model, StandardCopyOption.REPLACE_EXISTING);
        LossCurve.write(run, out.resolve(LossCurve.FILE));
        Files.copy(run.resolve("valid.csv"), out.resolve("validation-nll.csv"), StandardCopyOption.REPLACE_EXISTING);
        double[][] validation = TrainingLog.read(run.resolve("valid.csv"), 2);
        try (NDManager manager = NDManager.newBaseManager(); VocoderModel vocoder = ModelBundle.load(model, manager)) {
            ModelInfo info = vocoder.info();
            String machine = SpeedMeasurement.machine();
            List<SpeedMeasurement.Row> speed = SpeedMeasurement.measure(vocoder.synthesizer(), info,
                    List.of(1.0, 4.0, 10.0), 7, 5);
            Corpus corpus = CorpusSample.first(manifest, info.sampleRate(), evalClips);
            SynthesisDefaults defaults = vocoder.synthesisDefaults();
            double latentScale = defaults.sigmaOr(sigma);
            CopySynthesisReport quality = CopySynthesisRun.run(vocoder, corpus, latentScale,
                    defaults.refinementPasses(), 0, 3, false, out.resolve("evaluation"));
            CopySynthesisReport unrefined = defaults.refinementPasses() == 0 ? null : CopySynthesisRun.run(vocoder,
                    corpus, latentScale, 0, 0, 0, false, out.resolve(UNREFINED_DIR));
            CopySynthesisReport unseenQuality = unseen == null ? null : CopySynthesisRun.run(vocoder,
                    CorpusSample.first(unseen, info.sampleRate(), evalClips), latentScale,
                    defaults.refinementPasses(), 0, 1, false, out.resolve(UNSEEN_DIR));
            String card = card(info, defaults, vocoder.parameters().trainableCount(), validation, machine, speed,
                    new Quality(quality, unrefined, unseenQuality));
            Files.writeString(out.resolve("README.md"), card, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + out.resolve("README.md"));
        }
        return 0;
    }

    /**
     * The copy-synthesis reports of a card.
     *
     * @param validation the validation clips, as the model synthesizes by default
     * @param unrefined the same without mel refinement, or null when the model does not refine
     * @param unseen clips of unseen speakers, or null when none were given
     */
    private record Quality(CopySynthesisReport validation, CopySynthesisReport unrefined, CopySynthesisReport unseen) {
    }

    private String card(ModelInfo info, SynthesisDefaults synthesis, long parameters, double[][] validation,
            String machine, List<SpeedMeasurement.Row> speed, Quality quality) {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: flowvox default model\n\n");
        md.append("`model.flowvox` is the model the `flowvox` command and server use when no model is named. ")
                .append("This card is written by `flowvox model-card --run ").append(run).append(" --out ").append(out)
                .append(unseen == null ? "" : " --unseen " + unseen)
                .append("`; every number below comes from that command.\n\n");
        md.append("## Architecture\n\n");
        md.append(String.format(Locale.ROOT, "A WaveGlow-style normalizing flow (%s): %s. %,d trainable parameters. "
                + "Why this shape: [ARCHITECTURE.md](ARCHITECTURE.md).%n%n", info.provenance().description(),
                ModelDescription.flow(info), parameters));
        md.append("Mel: NVIDIA's Tacotron2/WaveGlow convention (").append(info.mel().sampleRate()).append(" Hz, FFT ")
                .append(info.mel().filterLength()).append(", hop ").append(info.mel().hopLength()).append(", ")
                .append(info.mel().nMels()).append(" bands, 0–").append((int) info.mel().fMax())
                .append(" Hz, natural log), so mels from NVIDIA's acoustic models drive it.\n\n");
        md.append("## Training\n\n| fact | value |\n|---|---|\n");
        md.append("| created | ").append(info.provenance().created()).append(" |\n");
        info.provenance().facts().forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("\nData: Debian's `fillets-ng-data-cs` (the Czech voice acting of the game *Fish Fillets NG*, GPL-2; ")
                .append("credits in the package's copyright file), converted and split by `scripts/prepare-corpus.sh` ")
                .append("(about 100 min of training and 5.4 min of validation speech, split by file). ")
                .append("The audio is not in this repository; the script recreates it. Trained with `flowvox train` ")
                .append("(Adam, sigma 1.0, random 16000-sample segments, gradient clipping, regular checkpoints; ")
                .append("the learning-rate schedule is in [training/README.md](training/README.md)).\n\n");
        md.append("## Validation negative log-likelihood\n\n![loss curve](loss.png)\n\n");
        int n = validation[0].length;
        if (n > 0) {
            md.append(String.format(Locale.ROOT, "Latest: **%.4f nats/sample** at step %.0f (exact continuous "
                    + "log-density of the validation audio given its mel, normalising constant included; lower is better; "
                    + "all points in [validation-nll.csv](validation-nll.csv)).%n%n", validation[1][n - 1], validation[0][n - 1]));
        }
        md.append("## Speed\n\nOne-pass synthesis, single stream, 7 runs of each length in rounds after warm-up, median "
                + "and fastest (`flowvox speed`), on ")
                .append(machine).append(":\n\n").append(SpeedMeasurement.markdown(speed)).append('\n')
                .append("On a shared host these numbers move with the neighbours' load from one run to the next; ")
                .append("`flowvox speed` measures again.\n\n");
        md.append("## Quality: copy synthesis against Griffin-Lim\n\n");
        String gain = synthesis.setsVoicedGain(info.flow().pitchPrediction())
                ? String.format(Locale.ROOT, ", with the pitch predictor's gain on voiced frames at %s "
                        + "(%s in training)", synthesis.voicedGain(), info.flow().pitchPrediction().voicedGain())
                : "";
        md.append(String.format(Locale.ROOT, "Synthesis uses σ %.2f and %d mel refinement passes%s when a caller "
                + "does not choose: %s.%n%n", synthesis.sigma(), synthesis.refinementPasses(), gain,
                synthesis.basis()));
        md.append("Each validation clip is analysed into its mel and resynthesized by the flow and by Griffin-Lim ")
                .append("(60 iterations of fast Griffin-Lim from the least-squares pseudo-inverse of the mel). ")
                .append("F0 and voicing use YIN on both the original and the resynthesis. Per-clip numbers: ")
                .append("[evaluation/copy-synthesis.csv](evaluation/copy-synthesis.csv).\n\n");
        md.append(quality.validation().markdown()).append('\n');
        if (quality.unrefined() != null) {
            md.append("The same clips from the flow alone, without mel refinement (the flow's own output, "
                    + "which the likelihood describes; per-clip numbers in [").append(UNREFINED_DIR)
                    .append("/copy-synthesis.csv](").append(UNREFINED_DIR).append("/copy-synthesis.csv)):\n\n")
                    .append(quality.unrefined().markdown()).append('\n');
        }
        for (int i = 1; i <= 3; i++) {
            md.append("![spectrograms ").append(i).append("](evaluation/spectrograms-").append(i).append(".png)\n\n");
        }
        CopySynthesisReport unseenQuality = quality.unseen();
        if (unseenQuality != null) {
            md.append("## Quality on speakers the model never heard\n\n")
                    .append("The same comparison on ").append(unseen).append(", speech of other speakers and another ")
                    .append("recording chain than the training data's. Per-clip numbers: [").append(UNSEEN_DIR)
                    .append("/copy-synthesis.csv](").append(UNSEEN_DIR).append("/copy-synthesis.csv).\n\n")
                    .append(unseenQuality.markdown()).append('\n')
                    .append("![spectrograms, unseen speakers](").append(UNSEEN_DIR).append("/spectrograms-1.png)\n\n");
        }
        return md.toString();
    }
}
