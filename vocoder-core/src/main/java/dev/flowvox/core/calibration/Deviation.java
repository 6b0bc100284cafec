// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

/** Which bound a segment comes closest to, or crosses. */
public enum Deviation {
    /** Quieter than normal speech (e.g. digital silence, a dropout). */
    LEVEL_LOW,
    /** Louder than normal speech (e.g. clipping, loud noise). */
    LEVEL_HIGH,
    /** A feature below its band's lower bound (for the flow: less likely than speech this loud). */
    FEATURE_LOW,
    /** A feature above its band's upper bound (for the flow: more likely, e.g. smooth or silent). */
    FEATURE_HIGH;

    /**
     * @param low whether the value is below the middle of its bounds
     * @param level whether the bound is the level's
     * @return the deviation
     */
    static Deviation of(boolean low, boolean level) {
        if (level) {
            return low ? LEVEL_LOW : LEVEL_HIGH;
        }
        return low ? FEATURE_LOW : FEATURE_HIGH;
    }
}
