// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.BundleFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code calibration} section of a bundle's manifest: a versioned JSON form of
 * {@link Calibration}, documented in the core module's README.
 *
 * <pre>{@code
 * "calibration": {"version": 2, "segment_seconds": 0.5,
 *   "features": ["nats_per_sample", "latent_energy"],
 *   "level_db": {"lower": -61.2, "upper": -12.3, "scale": 9.1},
 *   "bands": [{"below_db": -45.0, "segments": 1500,
 *              "bounds": [{"lower": …, "upper": …, "scale": …}, {…}]}, …, {"segments": …, "bounds": […]}],
 *   "clip": {"features": ["onset_skewness", …], "bounds": [{"lower": …, "upper": …, "scale": …}, …],
 *            "min_seconds": [1.0, …]},
 *   "rule": {"statistic": "worst_margin", "threshold": 1.7},
 *   "provenance": {"created": "…", "data": "…", "clips": 1779, "seconds": 6000.0, "segments": 11800,
 *                  "false_positive_rate": 0.01, "folds": 10,
 *                  "validation": {"data": "…", "clips": 95, "seconds": 324.0, "false_positive_rate": 0.0105}}}
 * }</pre>
 *
 * <p>Version 2 added the optional {@code clip} object (whole-clip statistics, {@link ClipFeature});
 * version 1 sections are read as calibrations without it. Its {@code min_seconds} (the shortest clip
 * each statistic judges) came later within version 2; a {@code clip} without it judges clips of at
 * least {@link ClipBounds#LEGACY_MIN_SECONDS} s, as it did when it was written. The provenance's
 * {@code folds} came later still; a calibration without it chose its threshold on the clips its bounds
 * were fitted on, and reads as one fold.
 */
public final class CalibrationSection {

    /** Manifest section name. */
    public static final String NAME = "calibration";
    /** The version this code writes and the newest it reads. */
    public static final int VERSION = 2;
    /** The clip statistic: the worst margin over the segments and the whole-clip statistics. */
    static final String STATISTIC = "worst_margin";
    /** Version 1's name of the same statistic, when there were no whole-clip statistics. */
    static final String STATISTIC_V1 = "worst_segment_margin";

    private CalibrationSection() {
    }

    /**
     * The calibration of an archive, if it has one.
     *
     * @param archive a bundle
     * @return the calibration, or empty when the bundle has none
     * @throws BundleFormatException if the section is malformed or of a newer version
     */
    public static Optional<Calibration> read(BundleArchive archive) throws BundleFormatException {
        if (!archive.hasSection(NAME)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(archive.section(NAME)));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                | NullPointerException e) {
            throw new BundleFormatException(archive.source() + " has a malformed calibration: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a bundle with a calibration added or replaced; every other section and array is kept.
     * Atomic: an interrupted write leaves the old bundle in place.
     *
     * @param bundle the bundle file, rewritten in place
     * @param calibration the new calibration
     * @throws IOException if the bundle cannot be read or written
     */
    public static void write(Path bundle, Calibration calibration) throws IOException {
        BundleArchive.read(bundle).copy().section(NAME, toJson(calibration)).write(bundle);
    }

    /**
     * @param calibration a calibration
     * @return its JSON form
     */
    public static JsonObject toJson(Calibration calibration) {
        JsonObject json = new JsonObject();
        json.addProperty("version", VERSION);
        json.addProperty("segment_seconds", calibration.segmentSeconds());
        JsonArray names = new JsonArray();
        calibration.featureNames().forEach(names::add);
        json.add("features", names);
        json.add("level_db", bounds(calibration.level()));
        JsonArray bands = new JsonArray();
        for (LevelBand band : calibration.bands()) {
            JsonObject b = new JsonObject();
            if (band.belowDb() != Double.POSITIVE_INFINITY) {
                b.addProperty("below_db", band.belowDb());
            }
            b.addProperty("segments", band.segments());
            JsonArray bounds = new JsonArray();
            band.features().forEach(f -> bounds.add(bounds(f)));
            b.add("bounds", bounds);
            bands.add(b);
        }
        json.add("bands", bands);
        ClipBounds clip = calibration.clipBounds();
        if (!clip.isEmpty()) {
            JsonObject wholeClip = new JsonObject();
            JsonArray clipNames = new JsonArray();
            clip.names().forEach(clipNames::add);
            wholeClip.add("features", clipNames);
            JsonArray clipBounds = new JsonArray();
            clip.bounds().forEach(b -> clipBounds.add(bounds(b)));
            wholeClip.add("bounds", clipBounds);
            JsonArray minSeconds = new JsonArray();
            clip.minSeconds().forEach(minSeconds::add);
            wholeClip.add("min_seconds", minSeconds);
            json.add("clip", wholeClip);
        }
        JsonObject rule = new JsonObject();
        rule.addProperty("statistic", STATISTIC);
        rule.addProperty("threshold", calibration.threshold());
        json.add("rule", rule);
        json.add("provenance", provenance(calibration.provenance()));
        return json;
    }

    /**
     * @param json a calibration's JSON form
     * @return the calibration
     * @throws IllegalArgumentException if it is malformed or of a newer version
     */
    public static Calibration fromJson(JsonObject json) {
        int version = json.get("version").getAsInt();
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("calibration version " + version + "; this flowvox reads 1 to " + VERSION
                    + (version > VERSION ? " (upgrade flowvox)" : ""));
        }
        List<String> names = new ArrayList<>();
        json.getAsJsonArray("features").forEach(e -> names.add(e.getAsString()));
        List<LevelBand> bands = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("bands")) {
            JsonObject b = element.getAsJsonObject();
            List<Bounds> bounds = new ArrayList<>();
            b.getAsJsonArray("bounds").forEach(e -> bounds.add(bounds(e.getAsJsonObject())));
            bands.add(new LevelBand(b.has("below_db") ? b.get("below_db").getAsDouble() : Double.POSITIVE_INFINITY,
                    bounds, b.get("segments").getAsInt()));
        }
        JsonObject rule = json.getAsJsonObject("rule");
        String statistic = rule.get("statistic").getAsString();
        if (!STATISTIC.equals(statistic) && !STATISTIC_V1.equals(statistic)) {
            throw new IllegalArgumentException("rule statistic \"" + statistic + "\"; expected \"" + STATISTIC + "\" (or \""
                    + STATISTIC_V1 + "\" in version 1)");
        }
        return new Calibration(json.get("segment_seconds").getAsDouble(), names, bounds(json.getAsJsonObject("level_db")),
                bands, clipBounds(json), rule.get("threshold").getAsDouble(),
                provenance(json.getAsJsonObject("provenance")));
    }

    private static ClipBounds clipBounds(JsonObject calibration) {
        if (!calibration.has("clip")) {
            return ClipBounds.NONE;
        }
        JsonObject clip = calibration.getAsJsonObject("clip");
        List<String> names = new ArrayList<>();
        clip.getAsJsonArray("features").forEach(e -> names.add(e.getAsString()));
        List<Bounds> bounds = new ArrayList<>();
        clip.getAsJsonArray("bounds").forEach(e -> bounds.add(bounds(e.getAsJsonObject())));
        List<Double> minSeconds = new ArrayList<>();
        if (clip.has("min_seconds")) {
            clip.getAsJsonArray("min_seconds").forEach(e -> minSeconds.add(e.getAsDouble()));
        } else {
            names.forEach(name -> minSeconds.add(ClipBounds.LEGACY_MIN_SECONDS));
        }
        return new ClipBounds(names, bounds, minSeconds);
    }

    private static JsonObject bounds(Bounds bounds) {
        JsonObject json = new JsonObject();
        json.addProperty("lower", bounds.lower());
        json.addProperty("upper", bounds.upper());
        json.addProperty("scale", bounds.scale());
        return json;
    }

    private static Bounds bounds(JsonObject json) {
        return new Bounds(json.get("lower").getAsDouble(), json.get("upper").getAsDouble(), json.get("scale").getAsDouble());
    }

    private static JsonObject provenance(CalibrationProvenance p) {
        JsonObject json = new JsonObject();
        json.addProperty("created", p.created());
        json.addProperty("data", p.data());
        json.addProperty("clips", p.clips());
        json.addProperty("seconds", p.seconds());
        json.addProperty("segments", p.segments());
        json.addProperty("false_positive_rate", p.falsePositiveRate());
        json.addProperty("folds", p.folds());
        if (p.validation() != null) {
            JsonObject held = new JsonObject();
            held.addProperty("data", p.validation().data());
            held.addProperty("clips", p.validation().clips());
            held.addProperty("seconds", p.validation().seconds());
            held.addProperty("false_positive_rate", p.validation().falsePositiveRate());
            json.add("validation", held);
        }
        return json;
    }

    private static CalibrationProvenance provenance(JsonObject json) {
        CalibrationProvenance.Held held = null;
        if (json.has("validation")) {
            JsonObject v = json.getAsJsonObject("validation");
            held = new CalibrationProvenance.Held(v.get("data").getAsString(), v.get("clips").getAsInt(),
                    v.get("seconds").getAsDouble(), v.get("false_positive_rate").getAsDouble());
        }
        return new CalibrationProvenance(json.get("created").getAsString(), json.get("data").getAsString(),
                json.get("clips").getAsInt(), json.get("seconds").getAsDouble(), json.get("segments").getAsInt(),
                json.get("false_positive_rate").getAsDouble(), json.has("folds") ? json.get("folds").getAsInt() : 1,
                held);
    }
}
