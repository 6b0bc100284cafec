// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.train.Corpus;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
     * @param sampleRate the model's rate, Hz
     * @param spec the command reading, whose stderr gets a summary of files converted on reading
     * @return the calibration speech: up to {@code --max-train-clips} of each argument, joined
     * @throws IOException if a manifest or clip cannot be read
     */
    Corpus train(int sampleRate, CommandSpec spec) throws IOException {
        return AudioSources.corpus(trainManifests, sampleRate, maxTrainClips, spec);
    }
}
