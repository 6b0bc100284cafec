// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

class TrainerTest {

    private static final FlowConfig FLOW = new FlowConfig(80, 4, 64, 2, 16, 256, Conditioning.FRAME_RATE,
            new WaveNetConfig(3, 32, 3, true));
    /**
     * Training for runs that are compared with each other. Adam's epsilon is 1e-3, not 1e-8: right
     * after initialization the coupling networks' zero end layers leave every other WaveNet weight with
     * gradients near 1e-9, which Adam at 1e-8 turns into full ±lr steps whose sign follows libtorch's
     * float rounding (it varies with thread scheduling), so two identical runs could differ by several
     * lr. At 1e-3 those steps vanish, while a resume that lost moments, step count or sampler state
     * still moves every weight with a real gradient by about lr = 1e-3, ten times the tolerance.
     */
    private static final TrainingConfig COMPARED = new TrainingConfig(2048, 2, 1e-3, 0.9, 0.999, 1e-3, 10, 1.0,
            100, 100, 2, 9);
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
            double[] sums = new double[2];
            int[] counts = new int[2];
            for (int i = 0; i < steps; i++) {
                StepReport report = trainer.step();
                assertFalse(report.skipped(), "step skipped for a non-finite loss or gradient: " + report);
                if (i < 10 || i >= steps - 10) {
                    int end = i < 10 ? 0 : 1;
                    sums[end] += report.loss();
                    counts[end]++;
                }
            }
            double first = sums[0] / counts[0];
            double last = sums[1] / counts[1];
            assertTrue(last < first - 0.5, "mean loss of the first 10 steps " + first + ", of the last 10 " + last
                    + "; expected a drop of more than 0.5 nats/sample");
        }
    }

    /**
     * The guard: a step whose loss is not finite is counted, names the parameters whose gradient was
     * not finite, and changes no weight. A log-scale bias of 200 in the first coupling makes its
     * scale overflow to infinity.
     */
    @Test
    void aStepWithANonFiniteLossIsSkippedAndChangesNothing() {
        TrainingConfig config = new TrainingConfig(2048, 2, 1e-3, 0.9, 0.999, 1e-8, 10, 1.0, 100, 100, 2, 3);
        try (Trainer trainer = newTrainer(config)) {
            trainer.parameters().arrays().get("WN.0.end.bias").addi(200f);
            Map<String, float[]> before = new HashMap<>();
            trainer.parameters().arrays().forEach((name, array) -> before.put(name, array.toFloatArray()));

            StepReport report = trainer.step();

            assertTrue(report.skipped(), report.toString());
            assertFalse(Double.isFinite(report.loss()), report.toString());
            assertFalse(report.nonFiniteGradients().isEmpty(), "the parameters with a non-finite gradient are named: "
                    + report);
            assertEquals(1, trainer.state().skippedSteps());
            assertEquals(0, trainer.optimizer().updates(), "Adam took no step");
            trainer.parameters().arrays().forEach((name, array) -> assertArrayEquals(before.get(name),
                    array.toFloatArray(), name + " changed in a skipped step"));
        }
    }

    /** Six steps straight equal three, a checkpoint, a resume and three more. */
    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        Path checkpoint = dir.resolve("half.flowvox");
        try (Trainer straight = newTrainer(COMPARED)) {
            List<StepReport> straightSteps = steps(straight, 6);
            List<StepReport> resumedSteps = new ArrayList<>();
            try (Trainer firstHalf = newTrainer(COMPARED)) {
                resumedSteps.addAll(steps(firstHalf, 3));
                TrainingCheckpoint.save(checkpoint, firstHalf, INFO);
            }
            try (Trainer resumed = TrainingCheckpoint.resume(checkpoint, speech, null, manager)) {
                assertEquals(3, resumed.state().step());
                resumedSteps.addAll(steps(resumed, 3));
                String history = "\nstraight: " + straightSteps + "\nresumed:  " + resumedSteps;
                assertEquals(straight.state().samplerState(), resumed.state().samplerState(), history);
                assertEquals(straight.optimizer().updates(), resumed.optimizer().updates(), history);
                assertEquals(0, straight.state().skippedSteps() + resumed.state().skippedSteps(), "steps skipped "
                        + "for a non-finite loss or gradient" + history);
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
    }

    /**
     * Garbage collection running beside training leaves every step as it was. Autograd reads some
     * tensors again in the backward pass; one that lived in a Java buffer the collector had freed (as
     * DJL's scalar operations make them) gave random NaN, infinite or wrong gradients, and under this
     * test's collections it did so at almost every step.
     */
    @Test
    void garbageCollectionDuringTrainingLeavesTheGradientsAsTheyAre() throws InterruptedException {
        int count = 6;
        List<StepReport> quiet;
        try (Trainer trainer = newTrainer(COMPARED)) {
            quiet = steps(trainer, count);
        }
        List<StepReport> collected;
        AtomicBoolean training = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (training.get()) {
                System.gc();
            }
        }, "garbage collections");
        collector.start();
        try (Trainer trainer = newTrainer(COMPARED)) {
            collected = steps(trainer, count);
        } finally {
            training.set(false);
            collector.join();
        }
        String history = "\nquiet:     " + quiet + "\ncollected: " + collected;
        for (int i = 0; i < count; i++) {
            double expected = quiet.get(i).gradientNorm();
            assertFalse(quiet.get(i).skipped() || collected.get(i).skipped(), "step " + (i + 1) + " skipped" + history);
            assertEquals(expected, collected.get(i).gradientNorm(), 1e-3 * expected, "gradient norm of step " + (i + 1)
                    + history);
        }
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
