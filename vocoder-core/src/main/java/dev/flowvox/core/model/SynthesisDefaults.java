// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import com.google.gson.JsonObject;

import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.synth.MelRefinement;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a model synthesizes when the caller does not say: the latent scale σ, the number of {@link
 * MelRefinement} passes and the pitch predictor's voiced gain in refined synthesis that suit it, and
 * why. Stored in the bundle's manifest as the optional section {@value #SECTION} ({@code {"version":
 * 3, "sigma": 0.7, "refinement_passes": 2, "voiced_gain": 0.999, "basis": "…"}}; version 1 had no
 * passes, which reads as none, and versions 1 and 2 no gain, which reads as the predictor's own);
 * bundles without it use {@link #FALLBACK}. Written by {@code flowvox choose-sigma}, which measures
 * copy synthesis at several σ.
 *
 * @param sigma the latent scale, in [0, {@value #MAX_SIGMA}]
 * @param refinementPasses mel refinement passes, 0 to {@value MelRefinement#MAX_PASSES}
 * @param voicedGain the pitch predictor's gain on voiced frames when refining, in (0, 1), or 0 for the
 *     predictor's own ({@link MelRefinement#predictorSynthesis})
 * @param basis how they were chosen, for people (a measurement, or "default")
 */
public record SynthesisDefaults(double sigma, int refinementPasses, double voicedGain, String basis) {

    /** Manifest section name. */
    public static final String SECTION = "synthesis";
    /** The version this code writes and the newest it reads. */
    public static final int VERSION = 3;
    /** Largest latent scale a model may recommend. */
    public static final double MAX_SIGMA = 4.0;
    /**
     * For a model that recommends nothing: σ 0.7, near the temperature NVIDIA's WaveGlow is usually
     * run at, which suits its imported checkpoints.
     */
    public static final SynthesisDefaults FALLBACK = new SynthesisDefaults(0.7, 0, 0,
            "flowvox's default for models that recommend none (near NVIDIA WaveGlow's usual 0.6-0.7, no refinement)");

    /** Validates the values. */
    public SynthesisDefaults {
        if (!(sigma >= 0 && sigma <= MAX_SIGMA)) {
            throw new IllegalArgumentException("synthesis sigma " + sigma + "; expected 0 to " + MAX_SIGMA);
        }
        if (refinementPasses < 0 || refinementPasses > MelRefinement.MAX_PASSES) {
            throw new IllegalArgumentException("refinement passes " + refinementPasses + "; expected 0 to "
                    + MelRefinement.MAX_PASSES);
        }
        MelRefinement.requireVoicedGain(voicedGain);
        if (basis == null || basis.isBlank()) {
            throw new IllegalArgumentException("the basis of a synthesis default is required");
        }
    }

    /**
     * Defaults that keep the pitch predictor's own gain.
     *
     * @param sigma the latent scale
     * @param refinementPasses mel refinement passes
     * @param basis how they were chosen
     */
    public SynthesisDefaults(double sigma, int refinementPasses, String basis) {
        this(sigma, refinementPasses, 0, basis);
    }

    /**
     * Whether refined synthesis of a flow with this pitch prediction runs a voiced gain of its own
     * instead of the training gain.
     *
     * @param prediction the flow's pitch prediction
     * @return true when the defaults name a gain and the flow predicts pitch
     */
    public boolean setsVoicedGain(PitchPrediction prediction) {
        return voicedGain > 0 && prediction.enabled();
    }

    /**
     * The latent scale to synthesize with.
     *
     * @param requested the caller's σ, or null for none
     * @return {@code requested} when given, else this default
     */
    public double sigmaOr(Double requested) {
        return requested != null ? requested : sigma;
    }

    /**
     * The refinement passes to synthesize with.
     *
     * @param requested the caller's count, or null for none
     * @return {@code requested} when given, else this default
     */
    public int refinementPassesOr(Integer requested) {
        return requested != null ? requested : refinementPasses;
    }

    /**
     * The defaults a bundle recommends.
     *
     * @param archive a bundle
     * @return its section, or {@link #FALLBACK} when it has none
     * @throws BundleFormatException if the section is malformed or of a newer version
     */
    public static SynthesisDefaults read(BundleArchive archive) throws BundleFormatException {
        if (!archive.hasSection(SECTION)) {
            return FALLBACK;
        }
        JsonObject json = archive.section(SECTION);
        try {
            int version = json.get("version").getAsInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("version " + version + "; this flowvox reads 1 to " + VERSION
                        + (version > VERSION ? " (upgrade flowvox)" : ""));
            }
            int passes = version >= 2 ? json.get("refinement_passes").getAsInt() : 0;
            double gain = version >= 3 ? json.get("voiced_gain").getAsDouble() : 0;
            return new SynthesisDefaults(json.get("sigma").getAsDouble(), passes, gain,
                    json.get("basis").getAsString());
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                | NullPointerException e) {
            throw new BundleFormatException(archive.source() + " has a malformed \"" + SECTION + "\" section: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a bundle with these defaults; every other section and array is kept. Atomic.
     *
     * @param bundle the bundle file, rewritten in place
     * @throws IOException if the bundle cannot be read or written
     */
    public void write(Path bundle) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("version", VERSION);
        json.addProperty("sigma", sigma);
        json.addProperty("refinement_passes", refinementPasses);
        json.addProperty("voiced_gain", voicedGain);
        json.addProperty("basis", basis);
        BundleArchive.read(bundle).copy().section(SECTION, json).write(bundle);
    }
}
