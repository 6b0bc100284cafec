// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.calibration.Calibrator;

import picocli.CommandLine.Option;

/**
 * The {@code --target-false-positives} option of {@code calibrate} and {@code anomaly-eval}: where the
 * threshold sits, as the share of normal calibration clips it flags.
 */
final class OperatingPointOption {

    @Option(names = "--target-false-positives", paramLabel = "RATE", defaultValue = "0.01",
            description = "share of the calibration clips the threshold flags, in [0, 0.5): lower catches fewer "
                    + "anomalies and flags less unfamiliar normal speech (default: ${DEFAULT-VALUE})")
    double rate;

    /** @return the shipped calibration settings at this operating point */
    Calibrator.Settings settings() {
        return Calibrator.Settings.DEFAULT.withTargetFalsePositiveRate(rate);
    }
}
