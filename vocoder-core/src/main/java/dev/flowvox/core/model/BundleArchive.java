// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.flowvox.core.npy.NpyArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The container of model bundles and training checkpoints: a zip archive holding {@code
 * manifest.json} and float32 arrays as {@code .npy} entries (so {@code numpy.load} opens it like an
 * {@code .npz}). The manifest carries the format name and version, the SHA-256 and size of every
 * array entry, and named JSON sections. Writing is atomic (temporary file, then rename).
 *
 * <pre>{@code
 * {"format": "flowvox-bundle", "version": 1,
 *  "arrays": {"params/WN.0.start.weight_g": {"entry": "params/WN.0.start.weight_g.npy",
 *             "sha256": "…", "bytes": 208}, …},
 *  "<section>": {…}, …}
 * }</pre>
 */
public final class BundleArchive {

    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "flowvox-bundle";
    /** The version this code writes and the newest it reads. */
    public static final int VERSION = 1;
    /** Name of the manifest entry. */
    public static final String MANIFEST = "manifest.json";

    private final Path source;
    private final JsonObject manifest;
    private final Map<String, NpyArray> arrays;

    private BundleArchive(Path source, JsonObject manifest, Map<String, NpyArray> arrays) {
        this.source = source;
        this.manifest = manifest;
        this.arrays = arrays;
    }

    /**
     * Reads and verifies an archive: format, version, presence and checksum of every array.
     *
     * @param path the file
     * @return its contents
     * @throws BundleFormatException naming what is wrong
     * @throws IOException if the file cannot be read
     */
    public static BundleArchive read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such bundle file");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            JsonObject manifest = readManifest(path, zip);
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> item : ConfigJson.object(manifest, "arrays").entrySet()) {
                JsonObject meta = item.getValue().getAsJsonObject();
                String entryName = ConfigJson.string(meta, "entry");
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new BundleFormatException(path + " is incomplete: the manifest lists " + entryName
                            + " but the archive does not hold it");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (ZipException e) {
                    throw new BundleFormatException(path + " is corrupt: entry " + entryName + " cannot be read ("
                            + e.getMessage() + ")", e);
                }
                String expected = ConfigJson.string(meta, "sha256");
                String actual = sha256(bytes);
                if (!expected.equals(actual)) {
                    throw new BundleFormatException(path + " is corrupt: " + entryName + " has SHA-256 " + actual
                            + ", the manifest says " + expected);
                }
                arrays.put(item.getKey(), NpyArray.read(new ByteArrayInputStream(bytes), path + "!" + entryName));
            }
            return new BundleArchive(path, manifest, arrays);
        } catch (ZipException e) {
            throw new BundleFormatException(path + " is not a readable flowvox bundle (truncated or not a zip archive: "
                    + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
            throw new BundleFormatException(path + " has a malformed manifest: " + e.getMessage(), e);
        }
    }

    private static JsonObject readManifest(Path path, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new BundleFormatException(path + " is a zip archive but not a flowvox bundle: it has no " + MANIFEST);
        }
        JsonObject manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        String format = manifest.has("format") ? manifest.get("format").getAsString() : "(none)";
        if (!FORMAT.equals(format)) {
            throw new BundleFormatException(path + " has format \"" + format + "\", expected \"" + FORMAT + "\"");
        }
        int version = ConfigJson.integer(manifest, "version");
        if (version < 1 || version > VERSION) {
            throw new BundleFormatException(path + " has bundle format version " + version
                    + "; this flowvox reads versions 1 to " + VERSION + (version > VERSION ? " (upgrade flowvox)" : ""));
        }
        return manifest;
    }

    /** The file this archive was read from. */
    public Path source() {
        return source;
    }

    /**
     * A JSON section of the manifest.
     *
     * @param name section name
     * @return the section
     * @throws BundleFormatException if the manifest has no such section
     */
    public JsonObject section(String name) throws BundleFormatException {
        JsonElement value = manifest.get(name);
        if (value == null || !value.isJsonObject()) {
            throw new BundleFormatException(source + " has no \"" + name + "\" section in its manifest");
        }
        return value.getAsJsonObject();
    }

    /**
     * Whether the manifest has a section.
     *
     * @param name section name
     * @return true if present
     */
    public boolean hasSection(String name) {
        return manifest.has(name) && manifest.get(name).isJsonObject();
    }

    /**
     * The arrays whose names start with {@code prefix}, with the prefix removed.
     *
     * @param prefix e.g. {@code params/}
     * @return name to array, in archive order
     */
    public Map<String, NpyArray> arrays(String prefix) {
        Map<String, NpyArray> selected = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (name.startsWith(prefix)) {
                selected.put(name.substring(prefix.length()), array);
            }
        });
        return selected;
    }

    /**
     * A writer preloaded with every section and array of this archive, to write a copy with some
     * sections replaced (e.g. a new calibration).
     *
     * @return the writer; its {@code write} re-encodes every array with fresh checksums
     * @throws IOException if encoding an array fails
     */
    public Writer copy() throws IOException {
        Writer writer = new Writer();
        for (Map.Entry<String, JsonElement> item : manifest.entrySet()) {
            String name = item.getKey();
            if (!name.equals("format") && !name.equals("version") && !name.equals("arrays")
                    && item.getValue().isJsonObject()) {
                writer.section(name, item.getValue().getAsJsonObject().deepCopy());
            }
        }
        for (Map.Entry<String, NpyArray> array : arrays.entrySet()) {
            writer.array(array.getKey(), array.getValue());
        }
        return writer;
    }

    /** Builds an archive and writes it atomically. */
    public static final class Writer {

        private final JsonObject manifest = new JsonObject();
        private final JsonObject arrayIndex = new JsonObject();
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        /** Starts an empty archive of the current version. */
        public Writer() {
            manifest.addProperty("format", FORMAT);
            manifest.addProperty("version", VERSION);
        }

        /**
         * Adds a JSON section to the manifest.
         *
         * @param name section name
         * @param section contents
         * @return this writer
         */
        public Writer section(String name, JsonObject section) {
            manifest.add(name, section);
            return this;
        }

        /**
         * Adds an array.
         *
         * @param name array name, e.g. {@code params/WN.0.end.weight}
         * @param array float32 values
         * @return this writer
         * @throws IOException if encoding fails
         */
        public Writer array(String name, NpyArray array) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            array.write(bytes);
            byte[] data = bytes.toByteArray();
            String entry = name + ".npy";
            JsonObject meta = new JsonObject();
            meta.addProperty("entry", entry);
            meta.addProperty("sha256", sha256(data));
            meta.addProperty("bytes", data.length);
            arrayIndex.add(name, meta);
            entries.put(entry, data);
            return this;
        }

        /**
         * Writes the archive: to a temporary file beside {@code path}, then renamed over it, so a crash
         * never leaves a half-written bundle under the final name.
         *
         * @param path destination
         * @throws IOException if writing fails
         */
        public void write(Path path) throws IOException {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = dir.resolve(path.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
                    + ".partial");
            try {
                try (OutputStream file = Files.newOutputStream(temp);
                        ZipOutputStream zip = new ZipOutputStream(file)) {
                    manifest.add("arrays", arrayIndex);
                    zip.putNextEntry(new ZipEntry(MANIFEST));
                    zip.write(new GsonBuilder().setPrettyPrinting().create().toJson(manifest)
                            .getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                        zip.putNextEntry(new ZipEntry(entry.getKey()));
                        zip.write(entry.getValue());
                        zip.closeEntry();
                    }
                }
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
