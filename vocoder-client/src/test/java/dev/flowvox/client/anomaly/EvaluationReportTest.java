// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.calibration.ClipFeatures;
import dev.flowvox.core.calibration.SegmentFeatures;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The report's split by duration, on scores made so that words and longer clips differ. */
class EvaluationReportTest {

    private static final int CLIPS = 20;

    /**
     * Anomalies made from the first ten clips (words of 0.8 s) score far above every clean clip, those
     * made from the last ten (2 s) far below: the split shows AUROC 1 for the words and 0 for the rest.
     */
    @Test
    void wordsAndLongerClipsAreReportedApart() {
        double[] seconds = new double[CLIPS];
        double[] clean = new double[CLIPS];
        double[] anomalous = new double[CLIPS];
        for (int i = 0; i < CLIPS; i++) {
            seconds[i] = i < CLIPS / 2 ? 0.8 : 2.0;
            clean[i] = 0.05 * i;
            anomalous[i] = i < CLIPS / 2 ? 10 : -5;
        }
        String md = new EvaluationReport("synthetic", List.of(result(clean, anomalous)), seconds).markdown();

        assertTrue(md.contains("| white-noise (white noise at the speech's RMS) | **0.500** | 50% |"), md);
        assertTrue(md.contains("10 clips under 1.0 s") && md.contains("10 of 1.0 s or more"), md);
        assertTrue(md.contains("| white-noise | 1.000 | 100% | **0.000** | 0% |"), md);
    }

    @Test
    void clipsOfOneKindOnlyGetNoSplit() {
        double[] seconds = new double[CLIPS];
        Arrays.fill(seconds, 2.0);
        double[] scores = new double[CLIPS];
        String md = new EvaluationReport("synthetic", List.of(result(scores, scores)), seconds).markdown();

        assertFalse(md.contains("By duration"), md);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationReport("synthetic", List.of(result(scores, scores)), new double[3]));
        assertTrue(e.getMessage().contains("scored 20 validation clips"), e.getMessage());
    }

    private static AnomalyEvaluation.MethodResult result(double[] clean, double[] anomalous) {
        Map<AnomalyKind, double[]> made = new EnumMap<>(AnomalyKind.class);
        for (AnomalyKind kind : AnomalyKind.values()) {
            made.put(kind, anomalous.clone());
        }
        return new AnomalyEvaluation.MethodResult("flow", calibration(), clean.clone(), made);
    }

    /** A calibration of two segment features over synthetic clips, validated on others. */
    private static Calibration calibration() {
        SplittableRandom random = new SplittableRandom(3);
        List<ClipFeatures> clips = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            List<SegmentFeatures> segments = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                segments.add(new SegmentFeatures(s * 11025L, (s + 1) * 11025L, -60 + 50 * random.nextDouble(),
                        new double[] {3 + 0.1 * random.nextGaussian(), 1 + 0.05 * random.nextGaussian()}));
            }
            clips.add(ClipFeatures.ofSegments(segments));
        }
        Calibration fitted = new Calibrator(Calibrator.Settings.DEFAULT).fit(clips.subList(0, 30),
                List.of("nats_per_sample", "latent_energy"), List.of(), "synthetic", 60);
        return Calibrator.validate(fitted, clips.subList(30, 40), "synthetic held out", 20);
    }
}
