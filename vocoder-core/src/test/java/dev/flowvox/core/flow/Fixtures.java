// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the NVIDIA reference fixtures: directory from system property {@code flowvox.fixtures}
 * (default {@code ../shared/fixtures} of the repository), model name from {@code flowvox.fixture}
 * (default {@code waveglow-tiny}).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture directory. */
    public static Path directory() {
        String configured = System.getProperty("flowvox.fixtures");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "fixtures");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture directory " + dir.toAbsolutePath()
                    + " not found; set -Dflowvox.fixtures=DIR");
        }
        return dir;
    }

    /** The fixture model name, e.g. {@code waveglow-tiny}. */
    public static String modelName() {
        return System.getProperty("flowvox.fixture", "waveglow-tiny");
    }

    /**
     * A file of the fixture model, e.g. {@code config.json}.
     *
     * @param suffix what follows {@code NAME.}
     * @return the path
     */
    public static Path modelFile(String suffix) {
        return directory().resolve(modelName() + "." + suffix);
    }

    /**
     * Loads an {@code .npz} fixture.
     *
     * @param manager owner of the arrays
     * @param file the archive
     * @return named arrays
     * @throws IOException if it cannot be read
     */
    public static NDList load(NDManager manager, Path file) throws IOException {
        return NDList.decode(manager, Files.readAllBytes(file));
    }

    /**
     * The array named {@code name}.
     *
     * @param list decoded archive
     * @param name entry name
     * @return the array
     */
    public static NDArray get(NDList list, String name) {
        NDArray array = list.get(name);
        if (array == null) {
            throw new IllegalStateException("fixture has no entry " + name);
        }
        return array;
    }
}
