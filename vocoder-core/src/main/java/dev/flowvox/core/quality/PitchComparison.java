// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.Yin;

/**
 * How well a test pitch track follows a reference one, over the frames both have (the longer
 * track is truncated; both start at frame 0).
 *
 * @param rmseHz root mean square of {@code f0_test - f0_ref} over frames voiced in both, Hz;
 *     NaN if there are none
 * @param meanRelativeError mean of {@code |f0_test - f0_ref| / f0_ref} over frames voiced in
 *     both; NaN if there are none
 * @param voicingDecisionError fraction of compared frames whose voicing decisions differ, [0, 1]
 * @param bothVoicedFrames frames voiced in both tracks
 * @param grossErrors frames voiced in both whose relative error exceeds {@value #GROSS_ERROR} (octave
 *     and other gross pitch errors)
 * @param fineRelativeError mean relative error over the other frames voiced in both; NaN if there are
 *     none
 * @param frames frames compared
 */
public record PitchComparison(double rmseHz, double meanRelativeError, double voicingDecisionError,
        int bothVoicedFrames, int grossErrors, double fineRelativeError, int frames) {

    /** A relative error above this is a gross pitch error (the usual 20%). */
    public static final double GROSS_ERROR = 0.2;

    /**
     * @param reference the reference track
     * @param test the track to score
     * @return the comparison
     */
    public static PitchComparison of(PitchTrack reference, PitchTrack test) {
        int frames = Math.min(reference.frames(), test.frames());
        if (frames == 0) {
            throw new IllegalArgumentException("no common frames; expected both tracks non-empty");
        }
        double squared = 0;
        double relative = 0;
        double fine = 0;
        int both = 0;
        int gross = 0;
        int disagreements = 0;
        for (int t = 0; t < frames; t++) {
            boolean a = reference.voiced()[t];
            boolean b = test.voiced()[t];
            if (a != b) {
                disagreements++;
            } else if (a) {
                double error = (double) test.f0Hz()[t] - reference.f0Hz()[t];
                double relativeError = Math.abs(error) / reference.f0Hz()[t];
                squared += error * error;
                relative += relativeError;
                both++;
                if (relativeError > GROSS_ERROR) {
                    gross++;
                } else {
                    fine += relativeError;
                }
            }
        }
        return new PitchComparison(both == 0 ? Double.NaN : Math.sqrt(squared / both),
                both == 0 ? Double.NaN : relative / both, disagreements / (double) frames, both, gross,
                both == gross ? Double.NaN : fine / (both - gross), frames);
    }

    /**
     * Tracks both signals with the same tracker and compares them.
     *
     * @param yin the tracker, at the signals' rate
     * @param reference the reference signal
     * @param test the signal to score
     * @return the comparison
     */
    public static PitchComparison of(Yin yin, float[] reference, float[] test) {
        return of(yin.track(reference), yin.track(test));
    }
}
