// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference fixtures passed to tests as system property {@code flowvox.fixtures}. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * @param name a file name inside the fixtures directory
     * @return its path
     * @throws IllegalStateException if the property is unset or the file is missing
     */
    public static Path path(String name) {
        String dir = System.getProperty("flowvox.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property flowvox.fixtures is not set; expected"
                    + " the shared fixtures directory (Surefire sets it)");
        }
        Path file = Path.of(dir, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + file + " does not exist");
        }
        return file;
    }
}
