// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

/**
 * The latent noise of a request: a pure function of (seed, group, channel), so any range of groups
 * can be drawn on its own and chunked streaming uses exactly the latent of one-pass synthesis.
 *
 * <p>Value {@code z[c][g]} is a standard normal from the Box–Muller transform of two 53-bit uniforms,
 * each the SplitMix64 finaliser of the seed's key mixed with the counter {@code 2·(g·n_group + c)}
 * (and {@code + 1}). Counter-based like Philox: no state, no order dependence, identical on every
 * machine and thread.
 */
public final class LatentNoise {

    private static final double TWO_PI = 2 * Math.PI;
    private static final double UNIT = 0x1.0p-53;

    private final long key;
    private final int nGroup;

    /**
     * Noise for one request.
     *
     * @param seed the request's seed
     * @param nGroup channels per group ({@code n_group} of the flow)
     */
    public LatentNoise(long seed, int nGroup) {
        if (nGroup < 1) {
            throw new IllegalArgumentException("n_group must be >= 1, got " + nGroup);
        }
        this.key = mix(seed + 0x9E3779B97F4A7C15L);
        this.nGroup = nGroup;
    }

    /**
     * Draws the latent of groups {@code [firstGroup, firstGroup + groups)}.
     *
     * @param firstGroup index of the first group of samples in the request
     * @param groups number of groups
     * @return {@code [n_group][groups]} flattened channel-major (the layout of {@code z[0]} in
     *     {@code [batch, n_group, groups]})
     */
    public float[] draw(long firstGroup, int groups) {
        float[] z = new float[nGroup * groups];
        for (int t = 0; t < groups; t++) {
            long group = firstGroup + t;
            for (int c = 0; c < nGroup; c++) {
                z[c * groups + t] = (float) value(group, c);
            }
        }
        return z;
    }

    /**
     * One latent value.
     *
     * @param group index of the group of samples
     * @param channel channel within the group, {@code [0, n_group)}
     * @return a standard normal draw
     */
    public double value(long group, int channel) {
        long counter = 2 * (group * nGroup + channel);
        double u1 = ((mix(key ^ mix(counter)) >>> 11) + 1) * UNIT;
        double u2 = (mix(key ^ mix(counter + 1)) >>> 11) * UNIT;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
