// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.anomaly.AnomalyCheck;
import dev.flowvox.client.anomaly.AudioAnomalyDetector;
import dev.flowvox.client.anomaly.CheckPlot;
import dev.flowvox.client.anomaly.ClipVerdict;
import dev.flowvox.client.anomaly.LocalLikelihoodSource;
import dev.flowvox.client.anomaly.RemoteLikelihoodSource;
import dev.flowvox.client.anomaly.SegmentResult;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code flowvox check}: is this audio typical for the model? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check audio files (" + AudioInput.FORMATS + ") against the model's typicality calibration "
                + "(written by flowvox calibrate): "
                + "prints file, verdict, score (worst margin over segments and the whole clip) and threshold, the "
                + "bounds at the worst segment, the whole clip's worst statistic and the worst time ranges. A file "
                + "that cannot be checked gets an 'error' row and the rest are still checked. Exit status 0 even "
                + "when files are anomalous (2 with --fail-anomalous); 1 when a file could not be checked.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ChecksModelOption modelOption;

    @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]", description = "score on flowvox "
            + "server(s), round robin, instead of in this process (--tls-ca and --token for secured ones)")
    String server;

    @Mixin
    ServerAccess access;

    @Option(names = "--model-id", defaultValue = "", description = "model id on the server (default: its scoring "
            + "model; a plain flowvox serve scores with the shipped checks model, id 'checks')")
    String modelId;

    @Option(names = "--plot", paramLabel = "DIR", description = "write a PNG per file: likelihood over time, bounds, "
            + "and the worst ranges over the threshold shaded")
    Path plotDir;

    @Option(names = "--json", description = "print one JSON object per file and line (status, score, threshold, "
            + "worst ranges, whole clip, warnings; errors as status \"error\") instead of the table")
    boolean json;

    @Option(names = "--fail-anomalous", description = "exit with status 2 when some file is anomalous (1 still means "
            + "that some file could not be checked), for scripts and CI jobs")
    boolean failAnomalous;

    @Option(names = "--worst", defaultValue = "3", description = "time ranges to list per file (default: ${DEFAULT-VALUE})")
    int worst;

    @Parameters(arity = "1..*", paramLabel = "AUDIO", description = "audio files, or directories to search (with "
            + "their subdirectories) for audio files")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        if (worst < 0) {
            throw new IllegalArgumentException("--worst " + worst + "; expected 0 or more time ranges");
        }
        if (server != null) {
            try (VocoderClient client = access.client(server, Duration.ofMinutes(2)).build()) {
                return run(new AudioAnomalyDetector(new RemoteLikelihoodSource(client, modelId)));
            }
        }
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            return run(new AudioAnomalyDetector(LocalLikelihoodSource.of(model)));
        }
    }

    /**
     * Checks every input; returns the exit status: 1 when some file could not be checked, else 2 when
     * some file is anomalous and {@code --fail-anomalous} asks for it, else 0.
     */
    private int run(AudioAnomalyDetector detector) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!detector.source().calibrated()) {
            spec.commandLine().getErr().println("flowvox check: the model has no calibration, so there is no verdict; "
                    + "run flowvox calibrate --model BUNDLE first");
        }
        if (plotDir != null) {
            if (Files.exists(plotDir) && !Files.isDirectory(plotDir)) {
                throw new IllegalArgumentException("--plot " + plotDir + " is a file; expected a directory for the PNGs");
            }
            Files.createDirectories(plotDir);
        }
        if (!json) {
            out.println("file\tverdict\tnats/sample\tscore\tthreshold\tbounds at worst (nats/sample)\twhole clip\t"
                    + "worst ranges");
        }
        int failed = 0;
        int anomalous = 0;
        List<Path> files = AudioSources.expand(inputs);
        for (Path input : files) {
            AnomalyCheck check;
            try {
                check = detector.check(input);
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("flowvox check: " + input + ": " + e.getMessage());
                out.println(json ? CheckJson.error(input.toString(), e.getMessage()) : input + "\terror\t-\t-\t-\t-\t-\t-");
                failed++;
                continue;
            }
            check.warnings().forEach(w -> spec.commandLine().getErr().println("flowvox check: " + input + ": " + w));
            out.println(json ? CheckJson.of(check, worst) : row(check));
            if (check.status() == AnomalyCheck.Status.ANOMALOUS) {
                anomalous++;
            }
            if (plotDir != null && check.score().verdict().isPresent()) {
                Path png = plotDir.resolve(input.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".png");
                CheckPlot.write(check, worst, png);
            }
        }
        if (files.size() > 1 && detector.source().calibrated()) {
            spec.commandLine().getErr().println("flowvox check: " + anomalous + " of " + files.size()
                    + " files anomalous, " + (files.size() - anomalous - failed) + " typical"
                    + (failed > 0 ? ", " + failed + " unreadable" : ""));
        }
        if (failed > 0) {
            spec.commandLine().getErr().println("flowvox check: " + failed + " of " + files.size()
                    + " files could not be checked");
            return 1;
        }
        return failAnomalous && anomalous > 0 ? 2 : 0;
    }

    private String row(AnomalyCheck check) {
        String verdict = check.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (check.score().verdict().isEmpty()) {
            return String.format(Locale.ROOT, "%s\t%s\t%.4f\t-\t-\t-\t-\t-", check.name(), verdict,
                    check.score().natsPerSample());
        }
        ClipVerdict v = check.score().verdict().get();
        SegmentResult w = v.worst(1).get(0);
        String ranges = check.worstRanges(worst).stream()
                .map(r -> String.format(Locale.ROOT, "%.2f-%.2f s (%s %+.2f)", r.startSeconds(), r.endSeconds(),
                        r.deviation(), r.margin()))
                .collect(Collectors.joining(", "));
        String wholeClip = v.wholeClip().map(c -> String.format(Locale.ROOT, "%s %+.2f", c.deviation(), c.margin()))
                .orElse("-");
        return String.format(Locale.ROOT, "%s\t%s\t%.4f\t%.3f\t%.3f\t[%.3f, %.3f]\t%s\t%s", check.name(), verdict,
                check.score().natsPerSample(), v.score(), v.threshold(), w.natsPerSample().lower(), w.natsPerSample().upper(),
                wholeClip, ranges);
    }
}
