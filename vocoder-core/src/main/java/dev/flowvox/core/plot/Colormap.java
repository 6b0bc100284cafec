// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.plot;

/**
 * A perceptually ordered colour scale for heatmaps: a few sRGB control points, evenly spaced over
 * [0, 1], with straight-line interpolation of the 8-bit channels between neighbours.
 */
public final class Colormap {

    /** Viridis (dark blue → green → yellow), from 10 control points; the default for spectrograms. */
    public static final Colormap VIRIDIS = new Colormap("viridis",
            0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6ECE58, 0xB5DE2B, 0xFDE725);

    /** Magma (black → purple → orange → pale yellow), from 10 control points. */
    public static final Colormap MAGMA = new Colormap("magma",
            0x000004, 0x180F3D, 0x440F76, 0x721F81, 0x9E2F7F, 0xCD4071, 0xF1605D, 0xFD9668, 0xFECA8D, 0xFCFDBF);

    private final String name;
    private final int[] controlPoints;

    private Colormap(String name, int... controlPoints) {
        this.name = name;
        this.controlPoints = controlPoints;
    }

    /**
     * @param fraction position in the scale, 0 for the low end and 1 for the high end; clamped to
     *     [0, 1]
     * @return the colour there as {@code 0xRRGGBB}
     * @throws IllegalArgumentException for NaN, which has no place in the scale
     */
    public int rgb(double fraction) {
        if (Double.isNaN(fraction)) {
            throw new IllegalArgumentException("colour scale position NaN; expected a number (clamped to 0..1)");
        }
        double position = Math.min(1, Math.max(0, fraction)) * (controlPoints.length - 1);
        int lower = Math.min((int) position, controlPoints.length - 2);
        double weight = position - lower;
        int from = controlPoints[lower];
        int to = controlPoints[lower + 1];
        return channel(from, to, 16, weight) << 16 | channel(from, to, 8, weight) << 8 | channel(from, to, 0, weight);
    }

    /** @return the name, such as {@code viridis} */
    @Override
    public String toString() {
        return name;
    }

    private static int channel(int from, int to, int shift, double weight) {
        int a = from >> shift & 0xFF;
        int b = to >> shift & 0xFF;
        return (int) Math.round(a + weight * (b - a));
    }
}
