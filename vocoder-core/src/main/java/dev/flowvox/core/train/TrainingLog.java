// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV logs of a run directory: {@code train.csv} (one row per step) and {@code valid.csv} (one
 * row per validation). On resume, rows after the checkpoint's step are dropped so the logs describe
 * exactly the steps the weights have seen.
 */
public final class TrainingLog implements AutoCloseable {

    /** Header of {@code train.csv}. */
    public static final String TRAIN_HEADER = "step,elapsed_seconds,loss,gradient_norm,skipped,step_seconds";
    /** Header of {@code valid.csv}. */
    public static final String VALID_HEADER = "step,elapsed_seconds,valid_nll_nats_per_sample";

    private final Path trainFile;
    private final Path validFile;
    private final BufferedWriter train;
    private final BufferedWriter valid;

    /**
     * Opens (or continues) the logs of a run directory.
     *
     * @param runDirectory the run's directory
     * @param fromStep steps already taken; later rows are dropped
     * @throws IOException if the files cannot be written
     */
    public TrainingLog(Path runDirectory, long fromStep) throws IOException {
        Files.createDirectories(runDirectory);
        this.trainFile = runDirectory.resolve("train.csv");
        this.validFile = runDirectory.resolve("valid.csv");
        truncate(trainFile, TRAIN_HEADER, fromStep);
        truncate(validFile, VALID_HEADER, fromStep);
        this.train = Files.newBufferedWriter(trainFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        this.valid = Files.newBufferedWriter(validFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** {@code train.csv}. */
    public Path trainFile() {
        return trainFile;
    }

    /** {@code valid.csv}. */
    public Path validFile() {
        return validFile;
    }

    /**
     * Logs a step.
     *
     * @param report the step
     * @param elapsedSeconds run time so far
     * @throws IOException if writing fails
     */
    public void step(StepReport report, double elapsedSeconds) throws IOException {
        train.write(String.format(Locale.ROOT, "%d,%.1f,%.6f,%.4f,%d,%.3f%n", report.step(), elapsedSeconds,
                report.loss(), report.gradientNorm(), report.skipped() ? 1 : 0, report.seconds()));
    }

    /**
     * Logs a validation.
     *
     * @param step steps completed
     * @param elapsedSeconds run time so far
     * @param nll validation NLL (nats/sample)
     * @throws IOException if writing fails
     */
    public void validation(long step, double elapsedSeconds, double nll) throws IOException {
        valid.write(String.format(Locale.ROOT, "%d,%.1f,%.6f%n", step, elapsedSeconds, nll));
        valid.flush();
    }

    /**
     * Pushes buffered rows to disk.
     *
     * @throws IOException if writing fails
     */
    public void flush() throws IOException {
        train.flush();
        valid.flush();
    }

    /**
     * Reads a log back: column values of every row.
     *
     * @param file {@code train.csv} or {@code valid.csv}
     * @param column column index
     * @return x = step (column 0) and y = the column, as two rows
     * @throws IOException if reading fails
     */
    public static double[][] read(Path file, int column) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[column])});
        }
        double[][] result = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            result[0][i] = rows.get(i)[0];
            result[1][i] = rows.get(i)[1];
        }
        return result;
    }

    private static void truncate(Path file, String header, long fromStep) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.isBlank() && Long.parseLong(line.substring(0, line.indexOf(','))) <= fromStep) {
                    kept.add(line);
                }
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    /** Flushes and closes the files. */
    @Override
    public void close() throws IOException {
        try (train; valid) {
            flush();
        }
    }
}
