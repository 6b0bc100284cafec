// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.client.anomaly.AnomalyEvaluation;
import dev.flowvox.client.anomaly.EvaluationReport;
import dev.flowvox.client.anomaly.SpectralFeatures;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.calibration.FlowFeatures;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.train.Corpus;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flowvox anomaly-eval}: AUROC of the likelihood anomaly checks against a non-flow baseline. */
@Command(name = "anomaly-eval", mixinStandardHelpOptions = true,
        description = "Calibrate the flow's typicality checks and a spectral-flatness/centroid baseline on the "
                + "training clips, then measure AUROC per synthetic anomaly type (made deterministically from the "
                + "validation clips) and false positives on clean validation speech. Does not change the bundle.")
final class AnomalyEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ChecksModelOption modelOption;

    @Mixin
    CalibrationOptions calibrationOptions;

    @Option(names = "--valid", paramLabel = "SPEECH", defaultValue = "data/corpus/valid.tsv", description = "held-out "
            + "speech, also the source of the anomalies: a manifest, a directory of audio files or an audio file "
            + "(default: ${DEFAULT-VALUE})")
    Path valid;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report goes")
    Path out;

    @Option(names = "--max-valid-clips", defaultValue = "1000000", description = "evaluate at most this many "
            + "validation clips, evenly spaced (default: all)")
    int maxValidClips;

    @Option(names = "--seed", defaultValue = "5", description = "seed of the anomalies (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        Calibrator.Settings settings = calibrationOptions.settings();
        Path bundle = modelOption.resolve();
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(bundle, manager)) {
            int rate = model.info().sampleRate();
            Corpus train = calibrationOptions.train(rate, spec);
            calibrationOptions.warnIfTooFewClips(spec, train.clips().size());
            Corpus held = AudioSources.corpus(List.of(valid), rate, maxValidClips, spec);
            List<AnomalyEvaluation.Method> methods = List.of(
                    new AnomalyEvaluation.Method("flow", new FlowFeatures(model)),
                    new AnomalyEvaluation.Method("baseline", new SpectralFeatures(rate)));
            long work = AnomalyEvaluation.work(methods.size(), train.clips().size(), held.clips().size());
            List<AnomalyEvaluation.MethodResult> results;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("anomaly-eval").setInitialMax(work)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" clips", 1).build()) {
                results = new AnomalyEvaluation(methods, settings, seed, bar::step).run(train, held);
            }
            String steps = model.info().provenance().facts().getOrDefault("steps", "unknown");
            EvaluationReport report = new EvaluationReport(bundle.getFileName() + " (" + steps + " training steps)",
                    results, held.clips().stream().mapToDouble(AudioClip::durationSeconds).toArray());
            report.write(out);
            spec.commandLine().getOut().print(report.markdown());
            spec.commandLine().getOut().println("wrote " + out.resolve("anomaly-eval.md"));
        }
        return 0;
    }
}
