// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.plot.LinePlot;
import dev.flowvox.core.plot.Series;
import dev.flowvox.core.plot.XRangeMarker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the results of an {@link AnomalyEvaluation}: a markdown table ({@code anomaly-eval.md}), the
 * clip scores ({@code scores.csv}), the per-kind summary ({@code summary.csv}) and ROC curves of each
 * method ({@code roc-METHOD.png}). When the validation clips include enough words shorter than
 * {@value #WORD_SECONDS} s and enough longer clips, the markdown also splits the first method's
 * results by duration: a word is judged without the statistics that follow several syllables.
 */
public final class EvaluationReport {

    /** Clips shorter than this count as single words in the split by duration (seconds). */
    static final double WORD_SECONDS = 1.0;
    /** The split by duration needs at least this many clips on each side. */
    static final int MIN_CLIPS_PER_SIDE = 10;

    private final String model;
    private final List<AnomalyEvaluation.MethodResult> results;
    private final double[] validSeconds;

    /**
     * @param model description of the evaluated model (bundle and training steps)
     * @param results the evaluation's results, flow first
     * @param validSeconds the duration of each validation clip, in the order of the results' scores
     */
    public EvaluationReport(String model, List<AnomalyEvaluation.MethodResult> results, double[] validSeconds) {
        this.model = model;
        this.results = List.copyOf(results);
        this.validSeconds = validSeconds.clone();
        for (AnomalyEvaluation.MethodResult r : this.results) {
            if (r.clean().length != validSeconds.length) {
                throw new IllegalArgumentException(r.method() + " scored " + r.clean().length + " validation clips; "
                        + "expected one per duration given (" + validSeconds.length + ")");
            }
        }
    }

    /** The report as markdown: setup, one table row per anomaly kind, false positives, and the split by duration. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        Calibration first = results.get(0).calibration();
        md.append(String.format(Locale.ROOT, "Model: %s. Calibrated on %s (%d clips, %.1f min); evaluated on %s "
                + "(%d clean clips, %.1f min) and %d anomalies made from each clean clip. Segments of %.2f s; "
                + "clip score = worst margin over segments and, where bounded, whole-clip statistics.%n%n", model,
                first.provenance().data(), first.provenance().clips(),
                first.provenance().seconds() / 60, first.provenance().validation().data(),
                first.provenance().validation().clips(), first.provenance().validation().seconds() / 60,
                AnomalyKind.values().length, first.segmentSeconds()));
        md.append("| anomaly |");
        results.forEach(r -> md.append(" AUROC ").append(r.method()).append(" | flagged ").append(r.method()).append(" |"));
        md.append("\n|---|");
        results.forEach(r -> md.append("---:|---:|"));
        md.append('\n');
        for (AnomalyKind kind : AnomalyKind.values()) {
            md.append("| ").append(name(kind)).append(" (").append(kind.description()).append(") |");
            results.forEach(r -> md.append(kindCells(r, kind)));
            md.append('\n');
        }
        md.append("| **false positives on clean validation speech** |");
        results.forEach(r -> md.append(falsePositiveCells(r)));
        md.append("\n| false positives on the calibration clips (target) |");
        results.forEach(r -> md.append(String.format(Locale.ROOT, " | %.1f%% |",
                100 * r.calibration().provenance().falsePositiveRate())));
        md.append("\n\nAUROC below the 0.95 target in bold. \"flagged\" = fraction of that kind's clips over the "
                + "calibrated threshold (");
        for (int i = 0; i < results.size(); i++) {
            md.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", results.get(i).method(),
                    results.get(i).calibration().threshold()));
        }
        md.append(").\n");
        appendByDuration(md);
        return md.toString();
    }

    private void appendByDuration(StringBuilder md) {
        AnomalyEvaluation.MethodResult all = results.get(0);
        AnomalyEvaluation.MethodResult words = all.restrictedTo(i -> validSeconds[i] < WORD_SECONDS);
        AnomalyEvaluation.MethodResult longer = all.restrictedTo(i -> validSeconds[i] >= WORD_SECONDS);
        if (words.clean().length < MIN_CLIPS_PER_SIDE || longer.clean().length < MIN_CLIPS_PER_SIDE) {
            return;
        }
        md.append(String.format(Locale.ROOT, "%nBy duration, %s: %d clips under %.1f s (single words, judged without "
                + "the onset and echo statistics) and %d of %.1f s or more.%n%n", all.method(), words.clean().length,
                WORD_SECONDS, longer.clean().length, WORD_SECONDS));
        md.append(String.format(Locale.ROOT, "| anomaly | AUROC, under %.1f s | flagged | AUROC, %.1f s or more "
                + "| flagged |%n|---|---:|---:|---:|---:|%n", WORD_SECONDS, WORD_SECONDS));
        for (AnomalyKind kind : AnomalyKind.values()) {
            md.append("| ").append(name(kind)).append(" |");
            md.append(kindCells(words, kind)).append(kindCells(longer, kind)).append('\n');
        }
        md.append("| **false positives on clean validation speech** |").append(falsePositiveCells(words))
                .append(falsePositiveCells(longer)).append('\n');
    }

    /** A kind's AUROC (bold below the 0.95 target) and flagged share, as two table cells. */
    private static String kindCells(AnomalyEvaluation.MethodResult r, AnomalyKind kind) {
        double auroc = r.auroc(kind);
        String bold = auroc >= 0.95 ? "" : "**";
        return String.format(Locale.ROOT, " %s%.3f%s | %.0f%% |", bold, auroc, bold, 100 * r.detectionRate(kind));
    }

    /** The false-positive rate on the clean clips, after an empty cell. */
    private static String falsePositiveCells(AnomalyEvaluation.MethodResult r) {
        return String.format(Locale.ROOT, " | %.1f%% (%d of %d) |", 100 * r.falsePositiveRate(),
                Math.round(r.falsePositiveRate() * r.clean().length), r.clean().length);
    }

    /**
     * Writes every file of the report.
     *
     * @param dir output directory (created)
     * @throws IOException if writing fails
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("anomaly-eval.md"), markdown(), StandardCharsets.UTF_8);
        StringBuilder summary = new StringBuilder("method,anomaly,auroc,flagged_fraction,threshold\n");
        StringBuilder scores = new StringBuilder("method,anomaly,clip,score\n");
        for (AnomalyEvaluation.MethodResult r : results) {
            summary.append(String.format(Locale.ROOT, "%s,clean,,%.4f,%.4f%n", r.method(), r.falsePositiveRate(),
                    r.calibration().threshold()));
            appendScores(scores, r.method(), "clean", r.clean());
            for (AnomalyKind kind : AnomalyKind.values()) {
                summary.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f%n", r.method(), name(kind), r.auroc(kind),
                        r.detectionRate(kind), r.calibration().threshold()));
                appendScores(scores, r.method(), name(kind), r.anomalous().get(kind));
            }
            writeRoc(r, dir.resolve("roc-" + r.method() + ".png"));
        }
        Files.writeString(dir.resolve("summary.csv"), summary, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scores.csv"), scores, StandardCharsets.UTF_8);
    }

    private static void appendScores(StringBuilder csv, String method, String kind, double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.5f%n", method, kind, i, scores[i]));
        }
    }

    private static void writeRoc(AnomalyEvaluation.MethodResult r, Path file) throws IOException {
        LinePlot.Builder plot = LinePlot.builder().setTitle("ROC of " + r.method() + " (clip = worst margin)")
                .setXLabel("false-positive rate on clean speech").setYLabel("detection rate")
                .optXRange(0, 1).optYRange(0, 1.02)
                .addMarker(XRangeMarker.of("<= 2% false positives", 0, 0.02));
        for (AnomalyKind kind : AnomalyKind.values()) {
            double[][] curve = roc(r.clean(), r.anomalous().get(kind));
            plot.addSeries(Series.of(name(kind), curve[0], curve[1]));
        }
        plot.build().writePng(file);
    }

    /** ROC points {fpr[], tpr[]} at every distinct threshold, from (0,0) to (1,1). */
    private static double[][] roc(double[] clean, double[] anomalous) {
        double[] thresholds = new double[clean.length + anomalous.length];
        System.arraycopy(clean, 0, thresholds, 0, clean.length);
        System.arraycopy(anomalous, 0, thresholds, clean.length, anomalous.length);
        Arrays.sort(thresholds);
        double[] fpr = new double[thresholds.length + 2];
        double[] tpr = new double[thresholds.length + 2];
        for (int i = 0; i < thresholds.length; i++) {
            double t = thresholds[thresholds.length - 1 - i];
            fpr[i + 1] = Auroc.flagged(clean, t - 1e-12);
            tpr[i + 1] = Auroc.flagged(anomalous, t - 1e-12);
        }
        fpr[fpr.length - 1] = 1;
        tpr[tpr.length - 1] = 1;
        return new double[][] {fpr, tpr};
    }

    /** Lower-case name of a kind for tables and files, e.g. {@code white-noise}. */
    static String name(AnomalyKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
