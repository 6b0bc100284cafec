// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.plot.SpectrogramImage;
import dev.flowvox.core.plot.SpectrogramStack;
import dev.flowvox.core.plot.ValueRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Collects copy-synthesis results over clips and writes them: {@code copy-synthesis.csv} (one row per
 * clip), {@code copy-synthesis.md} (means, flow next to Griffin-Lim) and spectrogram pictures
 * (original / flow / Griffin-Lim) of selected clips.
 */
public final class CopySynthesisReport {

    /** Highest frequency shown in the pictures (Hz), the top of the mel range. */
    private static final double PICTURE_MAX_HZ = 8000;

    private final String flowLabel;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param flowLabel how the flow is named in the tables, e.g. "flow (σ 0.7)"
     */
    public CopySynthesisReport(String flowLabel) {
        this.flowLabel = flowLabel;
    }

    /**
     * Adds a clip.
     *
     * @param name clip name
     * @param seconds clip duration
     * @param result its outcome
     */
    public void add(String name, double seconds, CopySynthesis.Result result) {
        rows.add(new Row(name, seconds, result.flow(), result.griffinLim()));
    }

    /** Clips added so far. */
    public int size() {
        return rows.size();
    }

    private List<QualityMetrics> metrics(boolean flow) {
        return rows.stream().map(row -> flow ? row.flow : row.griffinLim).toList();
    }

    /**
     * Writes the CSV and the markdown summary.
     *
     * @param directory output directory
     * @throws IOException if writing fails
     */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> csv = new ArrayList<>();
        csv.add("clip,seconds,flow_lsd_db,flow_mel_l1,flow_f0_rel_error,flow_voicing_error,flow_voiced_in_both,"
                + "flow_gross_f0_errors,flow_fine_f0_rel_error,gl_lsd_db,gl_mel_l1,gl_f0_rel_error,gl_voicing_error,"
                + "gl_voiced_in_both,gl_gross_f0_errors,gl_fine_f0_rel_error");
        for (Row row : rows) {
            csv.add(String.format(Locale.ROOT, "%s,%.3f,%s,%s", row.name, row.seconds, cells(row.flow), cells(row.griffinLim)));
        }
        Files.write(directory.resolve("copy-synthesis.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("copy-synthesis.md"), markdown(), StandardCharsets.UTF_8);
    }

    /**
     * The summary table in markdown.
     *
     * @return a table with one row per measure
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Copy synthesis of %d validation clips (%.1f s); means over clips unless "
                + "pooled over frames, lower is better.%n%n", rows.size(),
                rows.stream().mapToDouble(r -> r.seconds).sum()));
        md.append("| measure | ").append(flowLabel).append(" | Griffin-Lim (60 iterations) | better |\n");
        md.append("|---|---|---|---|\n");
        line(md, "log-spectral distance, 2048-point spectra, 0-8 kHz, 80 dB range (dB)",
                clips -> QualityMetrics.mean(clips, QualityMetrics::logSpectralDistanceDb), "%.2f");
        line(md, "mel L1 (natural-log mel)", clips -> QualityMetrics.mean(clips, QualityMetrics::melL1), "%.3f");
        line(md, "F0 relative error (YIN, frames voiced in both)",
                clips -> QualityMetrics.mean(clips, QualityMetrics::f0RelativeError), "%.4f");
        line(md, "F0 gross errors (YIN, share of frames voiced in both off by more than 20%, pooled)",
                QualityMetrics::grossF0ErrorRate, "%.4f");
        line(md, "F0 relative error within 20% (YIN, pooled over frames voiced in both)",
                QualityMetrics::fineF0RelativeError, "%.4f");
        line(md, "voicing decision error (YIN)", clips -> QualityMetrics.mean(clips, QualityMetrics::voicingError),
                "%.4f");
        return md.toString();
    }

    private void line(StringBuilder md, String name, ToDoubleFunction<List<QualityMetrics>> measure, String format) {
        double flow = measure.applyAsDouble(metrics(true));
        double baseline = measure.applyAsDouble(metrics(false));
        md.append("| ").append(name).append(" | ").append(cell(flow, format)).append(" | ")
                .append(cell(baseline, format)).append(" | ").append(better(flow, baseline)).append(" |\n");
    }

    private static String cell(double value, String format) {
        return Double.isNaN(value) ? "undefined (no frame voiced in both)" : String.format(Locale.ROOT, format, value);
    }

    /** The method with the lower value; a method whose measure is undefined loses to one whose is not. */
    static String better(double flow, double baseline) {
        if (Double.isNaN(flow) || Double.isNaN(baseline)) {
            return Double.isNaN(flow) && Double.isNaN(baseline) ? "neither (both undefined)"
                    : Double.isNaN(flow) ? "Griffin-Lim" : "flow";
        }
        return flow < baseline ? "flow" : flow > baseline ? "Griffin-Lim" : "tie";
    }

    /**
     * Writes the spectrograms of a clip: original, flow and Griffin-Lim stacked, 0–8 kHz, shared colours.
     *
     * @param file PNG to write
     * @param name clip name for the title
     * @param config mel settings (rate, FFT size, hop)
     * @param original the original audio
     * @param result its resyntheses
     * @throws IOException if writing fails
     */
    public void writePicture(Path file, String name, MelConfig config, float[] original, CopySynthesis.Result result)
            throws IOException {
        Stft stft = new Stft(config.stft());
        double hzPerBin = (double) config.sampleRate() / config.filterLength();
        int bins = (int) Math.min(config.filterLength() / 2 + 1, Math.floor(PICTURE_MAX_HZ / hzPerBin) + 1);
        SpectrogramStack.Builder stack = SpectrogramStack.builder()
                .optTitle(name + ": original / " + flowLabel + " / Griffin-Lim");
        String[] titles = {"original", flowLabel, "Griffin-Lim, 60 iterations"};
        float[][] audio = {original, result.flowAudio(), result.griffinLimAudio()};
        float[][] reference = null;
        for (int i = 0; i < 3; i++) {
            float[][] logMagnitude = logMagnitude(stft.magnitude(audio[i]), bins);
            if (reference == null) {
                reference = logMagnitude;
            }
            stack.addPanel(SpectrogramImage.builder()
                    .setValues(logMagnitude)
                    .setTitle(titles[i])
                    .setTiming(config.hopLength(), config.sampleRate())
                    .optBinAxis("frequency (Hz)", hzPerBin)
                    .optValueLabel("log magnitude (nats)")
                    .optValueRange(ValueRange.belowMax(reference, ValueRange.NATURAL_LOG_80_DB))
                    .build());
        }
        stack.build().writePng(file);
    }

    private static float[][] logMagnitude(float[][] magnitude, int bins) {
        float[][] result = new float[bins][];
        for (int b = 0; b < bins; b++) {
            result[b] = new float[magnitude[b].length];
            for (int t = 0; t < result[b].length; t++) {
                result[b][t] = (float) Math.log(Math.max(magnitude[b][t], 1e-5));
            }
        }
        return result;
    }

    private static String cells(QualityMetrics m) {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.5f,%.5f,%d,%d,%.5f", m.logSpectralDistanceDb(), m.melL1(),
                m.f0RelativeError(), m.voicingError(), m.bothVoicedFrames(), m.grossF0Errors(),
                m.fineF0RelativeError());
    }

    private record Row(String name, double seconds, QualityMetrics flow, QualityMetrics griffinLim) {
    }
}
