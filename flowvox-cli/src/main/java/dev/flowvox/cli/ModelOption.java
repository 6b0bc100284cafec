package dev.flowvox.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The {@code --model} option shared by the commands that run a model. */
final class ModelOption {

    /** System property the launcher sets to the repository root. */
    static final String HOME_PROPERTY = "flowvox.home";
    /** The shipped default model, relative to the repository root. */
    static final Path DEFAULT_MODEL = Path.of("models", "default", "model.flowvox");

    @Option(names = {"-m", "--model"}, paramLabel = "BUNDLE",
            description = "Model bundle (.flowvox). Default: the shipped models/default/model.flowvox.")
    Path model;

    /**
     * The bundle to load.
     *
     * @return the path
     * @throws NoSuchFileException if the bundle (or the default) does not exist
     */
    Path resolve() throws NoSuchFileException {
        Path path = model != null ? model : Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(DEFAULT_MODEL);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, model != null ? "model bundle not found"
                    : "the default model is missing; pass --model BUNDLE");
        }
        return path;
    }
}
