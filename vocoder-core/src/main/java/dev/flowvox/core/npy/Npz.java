// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} archives (a zip of {@code .npy} members, stored or deflated), such as
 * checkpoints and test fixtures, without a tensor engine.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";

    private Npz() {}

    /**
     * Reads every member of an archive.
     *
     * @param path the {@code .npz} file
     * @return the arrays keyed by member name without the {@code .npy} suffix, in archive order;
     *     unmodifiable
     * @throws MalformedNpyException if the file is not a zip or a member is not a supported
     *     {@code .npy} array
     * @throws IOException if the file cannot be read
     */
    public static Map<String, NpyArray> read(Path path) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String key = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length())
                        : name;
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(key, NpyArray.read(in, path + "!" + name));
                }
            }
        } catch (ZipException e) {
            throw new MalformedNpyException(
                    "not a readable .npz archive: " + path + " (" + e.getMessage() + ")", e);
        }
        return Collections.unmodifiableMap(arrays);
    }
}
