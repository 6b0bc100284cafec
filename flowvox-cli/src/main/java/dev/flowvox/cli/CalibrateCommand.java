// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.calibration.Bounds;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.CalibrationProvenance;
import dev.flowvox.core.calibration.CalibrationSection;
import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.calibration.ClipBounds;
import dev.flowvox.core.calibration.FlowFeatures;
import dev.flowvox.core.calibration.LevelBand;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code flowvox calibrate}: learns the typicality calibration of a model and writes it into its bundle. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Learn two-sided typicality bounds (the flow's features per loudness band, the loudness "
                + "itself, and whole-clip statistics of the mel and the samples) from normal speech (SPEECH, or "
                + "--train), choose the threshold that flags 1%% of it (--target-false-positives) when each clip is "
                + "judged by bounds fitted without it (10 folds), measure false positives on held-out speech, and "
                + "write the calibration into the bundle (atomically).")
final class CalibrateCommand implements Callable<Integer> {

    /** Held-out speech when neither SPEECH nor --valid is given. */
    private static final List<Path> DEFAULT_VALID = List.of(Path.of("data/corpus/valid.tsv"),
            Path.of("data/corpus-nl/valid.tsv"));

    @Spec
    CommandSpec spec;

    @Mixin
    ChecksModelOption modelOption;

    @Mixin
    CalibrationOptions calibrationOptions;

    @Parameters(arity = "0..*", paramLabel = "SPEECH", description = "normal speech to calibrate on, instead of "
            + "--train: directories (searched with their subdirectories for audio files), audio files ("
            + AudioInput.FORMATS + ") or manifests (.tsv); each sampled to at most --max-train-clips")
    List<Path> speech = List.of();

    @Option(names = "--valid", split = ",", paramLabel = "SPEECH",
            description = "held-out normal speech for the false-positive rate: manifests, directories or audio "
                    + "files; several are joined (default: data/corpus/valid.tsv,data/corpus-nl/valid.tsv, or none "
                    + "when SPEECH is given)")
    List<Path> valid;

    @Override
    public Integer call() throws Exception {
        if (!speech.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption("--train")) {
            throw new IllegalArgumentException("normal speech given both as SPEECH arguments and as --train; "
                    + "expected one of them");
        }
        Calibrator.Settings settings = calibrationOptions.settings();
        Path bundle = modelOption.resolve();
        Calibration calibration;
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(bundle, manager)) {
            int rate = model.info().sampleRate();
            Corpus train = speech.isEmpty() ? calibrationOptions.train(rate, spec)
                    : AudioSources.corpus(speech, rate, calibrationOptions.maxTrainClips, spec);
            calibrationOptions.warnIfTooFewClips(spec, train.clips().size());
            List<Path> heldOut = valid != null ? valid : speech.isEmpty() ? DEFAULT_VALID : List.of();
            Corpus held = heldOut.isEmpty() ? null : AudioSources.corpus(heldOut, rate, Integer.MAX_VALUE, spec);
            FlowFeatures features = new FlowFeatures(model);
            int segment = (int) Math.round(settings.segmentSeconds() * rate);
            int clips = train.clips().size() + (held == null ? 0 : held.clips().size());
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("calibrate").setInitialMax(clips)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" clips", 1).build()) {
                calibration = new Calibrator(settings).fit(features.extractAll(train.clips(), segment, bar::step),
                        features.names(), features.clipNames(), describe(train), train.totalSeconds());
                if (held != null) {
                    calibration = Calibrator.validate(calibration, features.extractAll(held.clips(), segment,
                            bar::step), describe(held), held.totalSeconds());
                }
            }
        }
        if (valid == null && !speech.isEmpty()) {
            spec.commandLine().getErr().println("flowvox calibrate: no held-out speech given (--valid), so false positives are measured on "
                    + "the calibration clips only");
        }
        CalibrationSection.write(bundle, calibration);
        print(spec.commandLine().getOut(), calibration);
        spec.commandLine().getOut().println("wrote the calibration into " + bundle);
        return 0;
    }

    private static String describe(Corpus corpus) {
        return corpus.source() + " (" + corpus.clips().size() + " clips)";
    }

    /** Prints the learned bounds and false-positive rates. */
    static void print(PrintWriter out, Calibration c) {
        out.printf("segments of %.2f s; loudness bounds %.1f to %.1f dBFS; threshold %.3f (worst margin)%n",
                c.segmentSeconds(), c.level().lower(), c.level().upper(), c.threshold());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-21s", "loudness band (dBFS)"));
        c.featureNames().forEach(name -> header.append(String.format(Locale.ROOT, "  %-22s", name)));
        out.println(header.append("  segments"));
        double from = Double.NEGATIVE_INFINITY;
        for (LevelBand band : c.bands()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%8.1f to %-8.1f", from, band.belowDb()));
            for (Bounds bounds : band.features()) {
                row.append(String.format(Locale.ROOT, "  %9.3f to %-9.3f", bounds.lower(), bounds.upper()));
            }
            out.println(row.append("  ").append(band.segments()));
            from = band.belowDb();
        }
        ClipBounds clip = c.clipBounds();
        for (int f = 0; f < clip.names().size(); f++) {
            Bounds bounds = clip.bounds().get(f);
            out.printf(Locale.ROOT, "whole clip (at least %.1f s): %-18s %9.3f to %-9.3f%n", clip.minSeconds().get(f),
                    clip.names().get(f), bounds.lower(), bounds.upper());
        }
        CalibrationProvenance.Held held = c.provenance().validation();
        out.println("false positives: " + c.provenance().falsePositiveSummary()
                + (held == null ? "" : " (" + held.data() + ")"));
    }
}
