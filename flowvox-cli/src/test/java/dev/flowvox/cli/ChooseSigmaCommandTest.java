// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import static dev.flowvox.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.SynthesisDefaults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flowvox choose-sigma} end to end: measures each candidate with the given refinement passes,
 * stores the best with them, and {@code info} shows both.
 */
class ChooseSigmaCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSigmaWithTheLowestSpectralDistanceIsStoredInTheBundle() throws Exception {
        Path clips = FixtureSpeech.twoClips(dir);
        Path bundle = dir.resolve("model.flowvox");
        Files.copy(Path.of("..", "models", "checks", "checks.flowvox"), bundle);

        CliRun chosen = run("choose-sigma", "-m", bundle.toString(), "--clips", clips.toString(),
                "--candidates", "0.3,1.0", "--refine", "1", "--voiced-gain", "0.99");

        assertEquals(0, chosen.status(), chosen.err());
        String[] rows = chosen.out().split("\n");
        assertTrue(rows[2].startsWith("| ") && rows[2].contains("0.30") && rows[3].contains("1.00"), chosen.out());
        SynthesisDefaults stored = SynthesisDefaults.read(BundleArchive.read(bundle));
        double lsdLow = Double.parseDouble(rows[2].split("\\|")[2].trim());
        double lsdHigh = Double.parseDouble(rows[3].split("\\|")[2].trim());
        assertEquals(lsdLow < lsdHigh ? 0.3 : 1.0, stored.sigma(), 0.0);
        assertTrue(stored.basis().contains("copy synthesis of 2 clips of " + clips + " with 1 refinement passes"),
                stored.basis());
        assertEquals(1, stored.refinementPasses());
        assertEquals(0.99, stored.voicedGain(), 0.0);
        assertTrue(chosen.out().contains("wrote sigma " + String.format(java.util.Locale.ROOT, "%.2f", stored.sigma())
                + " and 1 refinement passes and voiced gain 0.99"), chosen.out());
        CliRun info = run("info", "-m", bundle.toString());
        assertTrue(info.out().contains(stored.sigma() + " (synthesis default: lowest mean log-spectral distance"),
                info.out());
        assertTrue(info.out().contains("refinement:  1 mel refinement passes by default"), info.out());

        CliRun refused = run("choose-sigma", "-m", bundle.toString(), "--candidates", "0.7,-1");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("--candidates holds -1.0; expected values in (0, 4.0]"), refused.err());
        CliRun gainTooHigh = run("choose-sigma", "-m", bundle.toString(), "--clips", clips.toString(),
                "--voiced-gain", "1");
        assertEquals(1, gainTooHigh.status());
        assertTrue(gainTooHigh.err().contains("voiced gain 1.0; expected 0 (the predictor's own) or a gain in (0, 1)"),
                gainTooHigh.err());
        CliRun tooMany = run("choose-sigma", "-m", bundle.toString(), "--clips", clips.toString(), "--refine", "9");
        assertEquals(1, tooMany.status());
        assertTrue(tooMany.err().contains("--refine 9; expected 0 to 8"), tooMany.err());
    }
}
