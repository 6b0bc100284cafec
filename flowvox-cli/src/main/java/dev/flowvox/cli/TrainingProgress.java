// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.train.StepReport;
import dev.flowvox.core.train.TrainingListener;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Draws a training run as a progress bar: step, loss, validation NLL, steps/s and ETA. */
final class TrainingProgress implements TrainingListener, AutoCloseable {

    private final ProgressBar bar;
    private double smoothedLoss = Double.NaN;
    private double validation = Double.NaN;
    private long skipped;

    TrainingProgress(long startStep, long targetStep) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(targetStep)
                .startsFrom(startStep, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .showSpeed()
                .setUpdateIntervalMillis(1000)
                .build();
    }

    @Override
    public void onStep(StepReport report) {
        if (report.skipped()) {
            skipped++;
            System.err.printf(Locale.ROOT, "%nstep %d skipped: loss %s, gradient norm %s%s%n", report.step(),
                    report.loss(), report.gradientNorm(), report.nonFiniteGradients().isEmpty() ? ""
                            : " (not finite in " + String.join(", ", report.nonFiniteGradients()) + ")");
        } else {
            smoothedLoss = Double.isNaN(smoothedLoss) ? report.loss() : 0.95 * smoothedLoss + 0.05 * report.loss();
        }
        bar.stepTo(report.step());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f | valid NLL %.3f | skipped %d", smoothedLoss,
                validation, skipped));
    }

    @Override
    public void onValidation(long step, double negativeLogLikelihood) {
        validation = negativeLogLikelihood;
    }

    @Override
    public void onCheckpoint(long step, Path checkpoint) {
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f | valid NLL %.3f | saved step %d", smoothedLoss,
                validation, step));
    }

    @Override
    public void close() {
        bar.close();
    }
}
