// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * A fundamental-frequency track. Frame t covers samples {@code [t·hop, t·hop + frameLength)} of
 * the analysed signal. The arrays are not copied.
 *
 * @param f0Hz per-frame f0 in Hz, 0 where unvoiced
 * @param voiced per-frame voicing decision
 */
public record PitchTrack(float[] f0Hz, boolean[] voiced) {

    /** Validates equal lengths and that unvoiced frames carry 0 Hz. */
    public PitchTrack {
        if (f0Hz == null || voiced == null || f0Hz.length != voiced.length) {
            throw new IllegalArgumentException("f0 and voicing must be non-null and of equal length");
        }
        for (int t = 0; t < f0Hz.length; t++) {
            if (voiced[t] ? !(f0Hz[t] > 0) : f0Hz[t] != 0) {
                throw new IllegalArgumentException("frame " + t + " has f0 " + f0Hz[t] + " Hz and voiced="
                        + voiced[t] + "; expected f0 > 0 exactly when voiced");
            }
        }
    }

    /** @return the number of frames */
    public int frames() {
        return f0Hz.length;
    }
}
