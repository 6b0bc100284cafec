// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file a command will write, refused before any work when it cannot be written there. */
final class OutputFile {

    private OutputFile() {
    }

    /**
     * @param file the file to write
     * @param argument how the command line names it, e.g. {@code -o} or {@code OUT.npy}
     * @throws IllegalArgumentException if it is a directory or its directory does not exist
     */
    static void require(Path file, String argument) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(argument + " " + file + " is a directory; expected a file to write");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(argument + " " + file + ": the directory " + directory + " does not exist");
        }
    }
}
