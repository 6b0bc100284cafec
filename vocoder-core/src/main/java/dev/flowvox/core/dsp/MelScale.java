// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * The Slaney (Auditory Toolbox) mel scale, librosa's default ({@code htk=False}): linear at
 * 3/200 mel per Hz below 1000 Hz, logarithmic above with 27 mel per factor 6.4.
 */
public final class MelScale {
    private static final double HZ_PER_MEL = 200.0 / 3;
    private static final double BREAK_HZ = 1000.0;
    private static final double BREAK_MEL = BREAK_HZ / HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelScale() {}

    /**
     * @param hz frequency, Hz, non-negative
     * @return the mel value
     */
    public static double hzToMel(double hz) {
        return hz < BREAK_HZ ? hz / HZ_PER_MEL : BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP;
    }

    /**
     * @param mel mel value, non-negative
     * @return the frequency, Hz
     */
    public static double melToHz(double mel) {
        return mel < BREAK_MEL ? mel * HZ_PER_MEL : BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL));
    }
}
