// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.Locale;

/**
 * Where a calibration came from and how often it is wrong on normal speech.
 *
 * @param created ISO-8601 instant of the calibration
 * @param data description of the calibration clips (e.g. their manifest)
 * @param clips number of calibration clips
 * @param seconds their total duration, seconds
 * @param segments calibration segments pooled into the bounds
 * @param falsePositiveRate fraction of calibration clips the rule flags, in [0, 1]: with {@code folds}
 *     above 1, each clip judged by bounds fitted without its fold, as new speech is judged
 * @param folds parts the calibration clips were cut into for {@code falsePositiveRate} and the
 *     threshold: 1 when each clip was judged by the bounds fitted on all of them
 * @param validation the held-out check, or null when none was run
 */
public record CalibrationProvenance(String created, String data, int clips, double seconds, int segments,
        double falsePositiveRate, int folds, Held validation) {

    /** Validates the counts and rates. */
    public CalibrationProvenance {
        if (created == null || created.isBlank() || data == null || data.isBlank()) {
            throw new IllegalArgumentException("a calibration's provenance needs its creation time and data");
        }
        if (clips < 1 || segments < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("calibration on " + clips + " clips, " + segments + " segments, " + seconds
                    + " s; expected at least one clip and segment and a positive duration");
        }
        checkRate(falsePositiveRate);
        if (folds < 1 || folds > clips) {
            throw new IllegalArgumentException("calibration clips cut into " + folds + " folds; expected 1 to the "
                    + clips + " clips");
        }
    }

    /**
     * The false-positive rates in words, e.g. {@code 1.0% of 297 calibration clips (10-fold
     * cross-validated), 1.1% of 95 held-out clips} (the fold count only when above 1, the held-out
     * part only when there was a held-out check).
     *
     * @return the summary
     */
    public String falsePositiveSummary() {
        String summary = String.format(Locale.ROOT, "%.1f%% of %d calibration clips", 100 * falsePositiveRate, clips)
                + (folds == 1 ? "" : String.format(Locale.ROOT, " (%d-fold cross-validated)", folds));
        return validation == null ? summary : summary + String.format(Locale.ROOT, ", %.1f%% of %d held-out clips",
                100 * validation.falsePositiveRate(), validation.clips());
    }

    /**
     * Held-out clips of normal speech judged by the finished calibration.
     *
     * @param data description of the clips
     * @param clips number of clips
     * @param seconds total duration, seconds
     * @param falsePositiveRate fraction flagged, in [0, 1]
     */
    public record Held(String data, int clips, double seconds, double falsePositiveRate) {

        /** Validates the counts and the rate. */
        public Held {
            if (data == null || data.isBlank() || clips < 1 || !(seconds > 0)) {
                throw new IllegalArgumentException("held-out check on " + clips + " clips, " + seconds
                        + " s; expected described data, at least one clip and a positive duration");
            }
            checkRate(falsePositiveRate);
        }
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("false-positive rate " + rate + "; expected a fraction in [0, 1]");
        }
    }
}
