// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/** The Kaiser window, continuous form, for filter design. */
final class Kaiser {
    private Kaiser() {}

    /**
     * @param x position relative to the half width, window support is [-1, 1]
     * @param beta shape parameter; larger trades main-lobe width for side-lobe attenuation
     * @return {@code I0(β·sqrt(1 - x²)) / I0(β)}, 0 outside [-1, 1]
     */
    static double window(double x, double beta) {
        if (x < -1 || x > 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-17 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
