// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.flowvox.client.anomaly.AnomalyCheck;
import dev.flowvox.client.anomaly.ClipVerdict;
import dev.flowvox.client.anomaly.SegmentResult;

import java.util.Locale;

/** {@code flowvox check --json}: one JSON object per file, one per line, for pipelines. */
final class CheckJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private CheckJson() {
    }

    /**
     * @param check a file's check
     * @param worst time ranges to list at most
     * @return {@code file, status, nats_per_sample, seconds, warnings} and, with a calibration,
     *     {@code score, threshold, worst_ranges} and {@code whole_clip} where the clip was judged whole
     */
    static String of(AnomalyCheck check, int worst) {
        JsonObject json = new JsonObject();
        json.addProperty("file", check.name());
        json.addProperty("status", check.status().name().toLowerCase(Locale.ROOT));
        json.addProperty("nats_per_sample", check.score().natsPerSample());
        json.addProperty("seconds", check.score().seconds());
        if (check.score().verdict().isPresent()) {
            ClipVerdict verdict = check.score().verdict().get();
            json.addProperty("score", verdict.score());
            json.addProperty("threshold", verdict.threshold());
            JsonArray ranges = new JsonArray();
            for (SegmentResult range : check.worstRanges(worst)) {
                JsonObject r = new JsonObject();
                r.addProperty("start_seconds", range.startSeconds());
                r.addProperty("end_seconds", range.endSeconds());
                r.addProperty("deviation", range.deviation());
                r.addProperty("margin", range.margin());
                r.addProperty("anomalous", range.anomalous());
                ranges.add(r);
            }
            json.add("worst_ranges", ranges);
            verdict.wholeClip().ifPresent(clip -> {
                JsonObject c = new JsonObject();
                c.addProperty("deviation", clip.deviation());
                c.addProperty("margin", clip.margin());
                c.addProperty("anomalous", clip.anomalous());
                json.add("whole_clip", c);
            });
        }
        JsonArray warnings = new JsonArray();
        check.warnings().forEach(warnings::add);
        json.add("warnings", warnings);
        return GSON.toJson(json);
    }

    /**
     * @param file the file that could not be checked
     * @param reason why
     * @return {@code file, status "error", error}
     */
    static String error(String file, String reason) {
        JsonObject json = new JsonObject();
        json.addProperty("file", file);
        json.addProperty("status", "error");
        json.addProperty("error", reason);
        return GSON.toJson(json);
    }
}
