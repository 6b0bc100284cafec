// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/** How audio samples become the channels × time grid that the flow steps transform. */
public enum Squeeze {
    /**
     * NVIDIA WaveGlow: consecutive groups of {@code n_group} samples become the channels of one time
     * step ({@code reshape}); nothing else.
     */
    GROUPS,
    /**
     * A lapped orthogonal cosine transform ({@link LappedTransform}: {@code n_group} coefficients per
     * hop of {@code n_group} samples, sine-windowed overlap of half a hop on each side) followed by a
     * mel-conditioned scale per coefficient ({@link SpectralEnvelope}). The transform is orthogonal,
     * so it adds nothing to the log-determinant; the envelope starts as the spectral envelope the mel
     * describes, so the coupling layers begin on roughly unit-variance, frequency-ordered channels.
     * Needs {@link Conditioning#FRAME_RATE}.
     */
    LAPPED
}
