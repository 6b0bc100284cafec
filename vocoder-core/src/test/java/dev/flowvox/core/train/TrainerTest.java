// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.Fixtures;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class TrainerTest {

    /** Attempts of the resume comparison when one run alone skipped a step (see the test). */
    private static final int RESUME_ATTEMPTS = 3;

    private static final FlowConfig FLOW = new FlowConfig(80, 4, 64, 2, 16, 256, Conditioning.FRAME_RATE,
            new WaveNetConfig(3, 32, 3, true));
    private static final ModelInfo INFO = new ModelInfo(FLOW, MelConfig.nvidia22050(), 1.0,
            Provenance.now("trainer test", Map.of()));
    private static NDManager manager;
    private static Corpus speech;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws IOException {
        manager = NDManager.newBaseManager();
        Path corpusDir = Files.createTempDirectory("flowvox-corpus");
        Files.copy(Fixtures.directory().resolve("speech-22050.wav"), corpusDir.resolve("speech.wav"));
        Path manifest = corpusDir.resolve("train.tsv");
        Files.writeString(manifest, "path\tsamples\tseconds\tsource\nspeech.wav\t149640\t6.79\tfixture\n");
        speech = Corpus.load(manifest, 22050);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void lossFallsWhenOverfittingAFewSecondsOfSpeech() {
        TrainingConfig config = new TrainingConfig(4096, 4, 2e-3, 0.9, 0.999, 1e-8, 10, 1.0, 100, 100, 2, 1);
        try (Trainer trainer = newTrainer(config)) {
            int steps = 60;
            int skipped = 0;
            double[] sums = new double[2];
            int[] counts = new int[2];
            for (int i = 0; i < steps; i++) {
                StepReport report = trainer.step();
                assertTrue(report.skipped() ? !Double.isFinite(report.loss()) || !report.nonFiniteGradients().isEmpty()
                        : report.nonFiniteGradients().isEmpty(), "a step skipped at a finite loss names the parameters "
                        + "whose gradient was not finite, and only such a step: " + report);
                if (report.skipped()) {
                    skipped++;
                } else if (i < 10 || i >= steps - 10) {
                    int end = i < 10 ? 0 : 1;
                    sums[end] += report.loss();
                    counts[end]++;
                }
            }
            double first = sums[0] / counts[0];
            double last = sums[1] / counts[1];
            assertTrue(skipped <= 3, skipped + " of " + steps + " steps skipped for a non-finite gradient; expected at most 3");
            assertTrue(last < first - 0.5, "mean loss of the first 10 steps " + first + ", of the last 10 " + last
                    + "; expected a drop of more than 0.5 nats/sample");
        }
    }

    /**
     * Six steps straight equal three, a checkpoint, a resume and three more. Rarely (twice so far in
     * this project's CI runs) one of the two runs meets a non-finite gradient norm at a step
     * whose loss equals the other run's, and the guard skips that step there alone: libtorch's
     * backward pass was not reproducible, which is not what this test is about. Such an attempt is
     * repeated, up to {@value #RESUME_ATTEMPTS} attempts; a resume that loses state differs on every
     * attempt.
     */
    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        int attempt = 1;
        while (!resumeMatchesStraightRun(attempt == RESUME_ATTEMPTS)) {
            attempt++;
        }
    }

    /**
     * @param lastAttempt whether a step skipped in one run alone fails the test instead of asking for
     *     another attempt
     * @return false when one run alone skipped a step and this is not the last attempt; true when the
     *     runs matched
     */
    private boolean resumeMatchesStraightRun(boolean lastAttempt) throws IOException {
        // Adam's epsilon is 1e-3 here, not 1e-8: right after initialization the coupling networks' zero
        // end layers leave every other WaveNet weight with gradients near 1e-9, which Adam at 1e-8 turns
        // into full ±lr steps whose sign follows libtorch's float rounding (it varies with thread
        // scheduling), so two identical runs could differ by several lr. At 1e-3 those steps vanish,
        // while a resume that lost moments, step count or sampler state still moves every weight with
        // a real gradient by about lr = 1e-3, ten times the tolerance.
        TrainingConfig config = new TrainingConfig(2048, 2, 1e-3, 0.9, 0.999, 1e-3, 10, 1.0, 100, 100, 2, 9);
        Path checkpoint = dir.resolve("half.flowvox");
        try (Trainer straight = newTrainer(config)) {
            List<StepReport> straightSteps = steps(straight, 6);
            List<StepReport> resumedSteps = new ArrayList<>();
            try (Trainer firstHalf = newTrainer(config)) {
                resumedSteps.addAll(steps(firstHalf, 3));
                TrainingCheckpoint.save(checkpoint, firstHalf, INFO);
            }
            try (Trainer resumed = TrainingCheckpoint.resume(checkpoint, speech, null, manager)) {
                assertEquals(3, resumed.state().step());
                resumedSteps.addAll(steps(resumed, 3));
                String history = "\nstraight: " + straightSteps + "\nresumed:  " + resumedSteps;
                if (!lastAttempt && skipsDiffer(straightSteps, resumedSteps)) {
                    return false;
                }
                assertEquals(straight.state().samplerState(), resumed.state().samplerState(), history);
                assertEquals(straight.optimizer().updates(), resumed.optimizer().updates(), history);
                assertEquals(straight.state().skippedSteps(), resumed.state().skippedSteps(), "steps skipped for a "
                        + "non-finite gradient differ between the runs" + history);
                double worst = 0;
                String where = "none";
                for (Map.Entry<String, NDArray> entry : straight.parameters().arrays().entrySet()) {
                    NDArray other = resumed.parameters().arrays().get(entry.getKey());
                    double difference = entry.getValue().sub(other).abs().max().getFloat();
                    if (difference > worst) {
                        worst = difference;
                        where = entry.getKey();
                    }
                }
                assertTrue(worst < 1e-4, "largest weight difference after resume: " + worst + " in " + where + history);
            }
        }
        return true;
    }

    private static boolean skipsDiffer(List<StepReport> first, List<StepReport> second) {
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).skipped() != second.get(i).skipped()) {
                return true;
            }
        }
        return false;
    }

    private static List<StepReport> steps(Trainer trainer, int count) {
        List<StepReport> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reports.add(trainer.step());
        }
        return reports;
    }

    private static Trainer newTrainer(TrainingConfig config) {
        return Trainer.fresh(INFO, config, speech, manager);
    }
}
