// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import dev.flowvox.core.plot.LinePlot;
import dev.flowvox.core.plot.Series;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The loss curve of a run directory ({@code loss.png}): the training loss (moving average over 50
 * steps) and the validation negative log-likelihood, both in nats per sample, against the step.
 */
public final class LossCurve {

    /** File name of the picture in a run directory. */
    public static final String FILE = "loss.png";
    private static final int WINDOW = 50;

    private LossCurve() {
    }

    /**
     * Draws the curve from {@code train.csv} and {@code valid.csv}.
     *
     * @param runDirectory the run directory
     * @param out the PNG to write
     * @throws IOException if the logs cannot be read or the picture written
     */
    public static void write(Path runDirectory, Path out) throws IOException {
        double[][] train = TrainingLog.read(runDirectory.resolve("train.csv"), 2);
        double[][] valid = TrainingLog.read(runDirectory.resolve("valid.csv"), 2);
        if (train[0].length < WINDOW) {
            return;
        }
        LinePlot.Builder plot = LinePlot.builder()
                .setTitle("flowvox training: negative log-likelihood")
                .setXLabel("step")
                .setYLabel("nats per sample (lower is better)")
                .addSeries(Series.of("training loss (mean of " + WINDOW + " steps, NVIDIA's loss)", train[0],
                        movingAverage(train[1])));
        if (valid[0].length > 0) {
            plot.addSeries(Series.of("validation NLL (exact, with normalising constant)", valid[0], valid[1]));
        }
        plot.build().writePng(out);
    }

    private static double[] movingAverage(double[] values) {
        double[] result = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= WINDOW) {
                sum -= values[i - WINDOW];
            }
            result[i] = i >= WINDOW - 1 ? sum / WINDOW : Double.NaN;
        }
        return result;
    }
}
