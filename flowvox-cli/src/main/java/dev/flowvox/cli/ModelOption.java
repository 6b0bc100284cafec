// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code --model} option shared by the commands that run a model. Without it they use the shipped
 * default model; the anomaly commands use {@link ChecksModelOption}'s shipped model instead.
 */
class ModelOption {

    /** System property the launcher sets to the repository root. */
    static final String HOME_PROPERTY = "flowvox.home";
    /** The shipped default model, relative to the repository root. */
    static final Path DEFAULT_MODEL = Path.of("models", "default", "model.flowvox");

    @Option(names = {"-m", "--model"}, paramLabel = "BUNDLE",
            description = "Model bundle (.flowvox). Default: the shipped models/default/model.flowvox "
                    + "(models/checks/checks.flowvox for calibrate, check and anomaly-eval).")
    Path model;

    /** The shipped bundle used without {@code --model}, relative to the repository root. */
    Path shippedModel() {
        return DEFAULT_MODEL;
    }

    /** Where the shipped bundle is in the repository the launcher runs from. */
    Path shippedPath() {
        return Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(shippedModel());
    }

    /**
     * The bundle to load.
     *
     * @return the path
     * @throws NoSuchFileException if the bundle (or the default) does not exist
     */
    Path resolve() throws NoSuchFileException {
        Path path = model != null ? model : shippedPath();
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, model != null ? "model bundle not found"
                    : "the default model is missing; pass --model BUNDLE");
        }
        return path;
    }
}
