// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import java.nio.file.Path;

/**
 * The {@code --model} option of the anomaly commands ({@code calibrate}, {@code check}, {@code
 * anomaly-eval}): without it they use the shipped checks model, the flow whose likelihood separates
 * the evaluated anomalies best (models/checks/README.md says why it is not the synthesis model).
 */
final class ChecksModelOption extends ModelOption {

    /** The shipped checks model, relative to the repository root. */
    private static final Path CHECKS_MODEL = Path.of("models", "checks", "checks.flowvox");

    @Override
    Path shippedModel() {
        return CHECKS_MODEL;
    }
}
