// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.plot.LinePlot;
import dev.flowvox.core.plot.Series;
import dev.flowvox.core.plot.XRangeMarker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a check: nats per sample of every segment over time, with the lower and upper
 * bounds that apply to each segment (they follow its loudness), and the worst ranges shaded where
 * they exceed the threshold, i.e. where the clip is anomalous. A typical clip has no shading.
 */
public final class CheckPlot {

    private CheckPlot() {
    }

    /**
     * Writes the PNG.
     *
     * @param check a check with a verdict
     * @param worst how many of the ranges over the threshold to shade, worst first
     * @param file the PNG file
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the check has no verdict
     */
    public static void write(AnomalyCheck check, int worst, Path file) throws IOException {
        plot(check, worst).writePng(file);
    }

    static LinePlot plot(AnomalyCheck check, int worst) {
        ClipVerdict verdict = check.score().verdict().orElseThrow(() -> new IllegalArgumentException(
                check.name() + " has no verdict (the model has no calibration); nothing to plot"));
        List<SegmentResult> segments = verdict.segments();
        double[] t = new double[segments.size()];
        double[] nats = new double[t.length];
        double[] lower = new double[t.length];
        double[] upper = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            SegmentResult s = segments.get(i);
            t[i] = (s.startSeconds() + s.endSeconds()) / 2;
            FeatureResult likelihood = s.natsPerSample();
            nats[i] = likelihood.value();
            lower[i] = likelihood.lower();
            upper[i] = likelihood.upper();
        }
        LinePlot.Builder plot = LinePlot.builder()
                .setTitle(String.format(Locale.ROOT, "%s: %s (score %.2f, threshold %.2f)%s",
                        Path.of(check.name()).getFileName(), check.status().name().toLowerCase(Locale.ROOT),
                        verdict.score(), verdict.threshold(), verdict.wholeClip().filter(WholeClipResult::anomalous)
                                .map(c -> String.format(Locale.ROOT, "; whole clip %s %+.1f", c.deviation(), c.margin()))
                                .orElse("")))
                .setXLabel("time (s)").setYLabel("log-likelihood (nats/sample)")
                .addSeries(Series.of("upper bound", t, upper))
                .addSeries(Series.of("lower bound", t, lower))
                .addSeries(Series.of("segment", t, nats));
        for (SegmentResult s : verdict.worst(worst)) {
            if (s.margin() > verdict.threshold()) {
                plot.addMarker(XRangeMarker.of(String.format(Locale.ROOT, "%s %+.1f", s.deviation(), s.margin()),
                        s.startSeconds(), s.endSeconds()));
            }
        }
        return plot.build();
    }
}
