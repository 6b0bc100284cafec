// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.train.Corpus;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code calibrate} and {@code anomaly-eval} calibrate on and where they put the threshold:
 * {@code --train}, {@code --max-train-clips} and {@code --target-false-positives}.
 */
final class CalibrationOptions {

    @Option(names = "--train", split = ",", paramLabel = "SPEECH",
            defaultValue = "data/corpus/train.tsv,data/corpus-nl/train.tsv,data/words/calibrate.tsv",
            description = "normal speech to calibrate on: manifests, directories of audio files or audio files; "
                    + "several (comma-separated or repeated) are joined (default: ${DEFAULT-VALUE})")
    List<Path> trainManifests;

    @Option(names = "--max-train-clips", defaultValue = "600", description = "calibrate on at most this many "
            + "training clips of each manifest, evenly spaced (default: ${DEFAULT-VALUE})")
    int maxTrainClips;

    @Option(names = "--target-false-positives", paramLabel = "RATE", defaultValue = "0.01",
            description = "share of the calibration clips the threshold flags, each judged by bounds fitted without "
                    + "it, in [0, 0.5): lower catches fewer anomalies and flags less unfamiliar normal speech "
                    + "(default: ${DEFAULT-VALUE})")
    double targetFalsePositiveRate;

    /** @return the shipped calibration settings at the chosen operating point */
    Calibrator.Settings settings() {
        return Calibrator.Settings.DEFAULT.withTargetFalsePositiveRate(targetFalsePositiveRate);
    }

    /**
     * Says on stderr, before the clips are scored, when they are too few for the rate: the threshold is
     * then the highest of their scores ({@link Calibrator#fewestClipsFor}).
     *
     * @param spec the command, whose name and stderr are used
     * @param clips calibration clips
     */
    void warnIfTooFewClips(CommandSpec spec, int clips) {
        double rate = targetFalsePositiveRate;
        if (!(rate > 0 && rate < 0.5)) {
            return;
        }
        int fewest = Calibrator.fewestClipsFor(rate);
        if (clips < fewest) {
            spec.commandLine().getErr().printf(Locale.ROOT, "flowvox %s: %d calibration clips put the threshold at "
                    + "the highest of their scores, which new speech like them exceeds about once in %d (%.2f%%), "
                    + "more often than the target %.2f%%; calibrate on at least %d clips for it%n", spec.name(), clips,
                    clips + 1, 100.0 / (clips + 1), 100 * rate, fewest);
        }
    }

    /**
     * @param sampleRate the model's rate, Hz
     * @param spec the command reading, whose stderr gets a summary of files converted on reading
     * @return the calibration speech: up to {@code --max-train-clips} of each argument, joined
     * @throws IOException if a manifest or clip cannot be read
     */
    Corpus train(int sampleRate, CommandSpec spec) throws IOException {
        return AudioSources.corpus(trainManifests, sampleRate, maxTrainClips, spec);
    }
}
