// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from: a one-line description, when the bundle was written, and named facts
 * (data, steps, wall hours, validation numbers, source checkpoint, …) in insertion order.
 *
 * @param description what the model is, e.g. "NVIDIA WaveGlow imported from waveglow_256channels.npz"
 * @param created ISO-8601 instant the bundle was written
 * @param facts named facts, rendered in order
 */
public record Provenance(String description, String created, Map<String, String> facts) {

    /** Validates and freezes the facts. */
    public Provenance {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a model's provenance needs a description");
        }
        if (created == null || created.isBlank()) {
            throw new IllegalArgumentException("a model's provenance needs a creation time");
        }
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * A provenance created now.
     *
     * @param description what the model is
     * @param facts named facts
     * @return the provenance
     */
    public static Provenance now(String description, Map<String, String> facts) {
        return new Provenance(description, Instant.now().toString(), facts);
    }

    /**
     * The same provenance with one more fact (or a replaced one).
     *
     * @param name fact name
     * @param value fact value
     * @return a new provenance
     */
    public Provenance with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        more.put(name, value);
        return new Provenance(description, created, more);
    }
}
