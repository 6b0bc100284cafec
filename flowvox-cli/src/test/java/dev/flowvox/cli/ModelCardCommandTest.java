// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import static dev.flowvox.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.model.SynthesisDefaults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flowvox model-card} end to end on a small run: the card's sections, the unseen speakers'
 * and, for a model that refines, the flow alone beside it.
 */
class ModelCardCommandTest {

    @TempDir
    Path dir;

    @Test
    void theCardHoldsTrainingSpeedAndQualityAndTheUnseenSpeakersSection() throws Exception {
        Path clips = FixtureSpeech.twoClips(dir);
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Files.copy(Path.of("..", "models", "checks", "checks.flowvox"), runDir.resolve("model.flowvox"));
        new SynthesisDefaults(0.7, 1, "set by the test").write(runDir.resolve("model.flowvox"));
        StringBuilder train = new StringBuilder("step,elapsed_seconds,loss,gradient_norm,skipped,step_seconds\n");
        for (int step = 1; step <= 60; step++) {
            train.append(step).append(',').append(0.5 * step).append(',').append(-3 - step / 100.0).append(",1.0,0,0.5\n");
        }
        Files.writeString(runDir.resolve("train.csv"), train);
        Files.writeString(runDir.resolve("valid.csv"), "step,elapsed_seconds,valid_nll_nats_per_sample\n"
                + "30,15.0,-3.500000\n60,30.0,-3.612500\n");
        Path out = dir.resolve("card");

        CliRun card = run("model-card", "--run", runDir.toString(), "--out", out.toString(), "--valid", clips.toString(),
                "--unseen", clips.toString(), "--eval-clips", "2");

        assertEquals(0, card.status(), card.err());
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("This card is written by `flowvox model-card --run " + runDir + " --out " + out
                + " --unseen " + clips + "`"), "the card names the command that rebuilds it: " + readme);
        assertTrue(readme.contains("Latest: **-3.6125 nats/sample** at step 60"), readme);
        assertTrue(readme.matches("(?s).*\\| 1\\.00 \\| [0-9.]+ \\| [0-9.]+ \\|.*"), "a speed row for 1 s: " + readme);
        assertTrue(readme.contains("Copy synthesis of 2 validation clips"), readme);
        assertTrue(readme.contains("Synthesis uses σ 0.70 and 1 mel refinement passes when a caller does not choose: "
                + "set by the test."), readme);
        assertTrue(readme.contains("| measure | flow (σ 0.70, 1 refinement passes) |"), readme);
        assertTrue(readme.contains("The same clips from the flow alone, without mel refinement"), readme);
        assertTrue(readme.contains("| measure | flow (σ 0.70) |"), readme);
        assertTrue(readme.contains("| F0 relative error within 20% (YIN, pooled over frames voiced in both) |"),
                readme);
        assertTrue(Files.exists(out.resolve("evaluation-unrefined/copy-synthesis.csv")));
        assertTrue(readme.contains("## Quality on speakers the model never heard\n\nThe same comparison on " + clips),
                readme);
        assertTrue(Files.exists(out.resolve("evaluation-unseen/copy-synthesis.csv")));
        assertTrue(Files.exists(out.resolve("evaluation-unseen/spectrograms-1.png")));
        assertTrue(Files.exists(out.resolve("loss.png")) && Files.exists(out.resolve("model.flowvox")));
    }
}
