// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static dev.flowvox.core.flow.Scalars.times;

import ai.djl.ndarray.NDArray;

/**
 * What the forward (analysis) direction of the flow produces for a batch of audio.
 *
 * @param z latent, {@code [batch, n_group, groups]}, channels in NVIDIA's order (early outputs first)
 * @param logScale {@code Σ log s} of all couplings per group, {@code [batch, groups]} (nats)
 * @param logDetW {@code Σ_k log|det W_k|}, the 1x1 convolutions' contribution to every group, scalar
 *     (nats)
 */
public record FlowOutput(NDArray z, NDArray logScale, NDArray logDetW) {

    /** {@code log(2π)}. */
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * NVIDIA's {@code WaveGlowLoss}: {@code (Σz²/(2σ²) − Σ log s − Σ log|det W|) / (batch · n_group ·
     * groups)}. It leaves out the Gaussian normalising constant.
     *
     * @param sigma standard deviation of the latent prior
     * @return scalar
     */
    public NDArray nvidiaLoss(double sigma) {
        long count = z.size();
        long groups = logScale.size();
        NDArray prior = times(z.square().sum(), 1 / (2 * sigma * sigma));
        return times(prior.sub(logScale.sum()).sub(times(logDetW, groups)), 1.0 / count);
    }

    /**
     * The exact continuous log-density of each group of samples given the mel: {@code log N(z_g; 0,
     * σ²I) + Σ log s_g + Σ log|det W|}, including the normalising constant.
     *
     * @param sigma standard deviation of the latent prior (the training sigma, 1.0 for WaveGlow)
     * @return {@code [batch, groups]} in nats per group of {@code n_group} samples
     */
    public NDArray logDensityPerGroup(double sigma) {
        long nGroup = z.getShape().get(1);
        double constant = -0.5 * nGroup * (LOG_2PI + 2 * Math.log(sigma));
        return times(z.square().sum(new int[] {1}), -0.5 / (sigma * sigma))
                .add((float) constant)
                .add(logScale)
                .add(logDetW);
    }

    /**
     * The latent's squared norm per group in units of the prior's variance, {@code Σ_c z_cg² / σ²}. For
     * audio the model finds typical it is close to {@code n_group} (a chi-square variable with {@code
     * n_group} degrees of freedom), whatever the loudness; the typicality test of anomaly checks uses it.
     *
     * @param sigma standard deviation of the latent prior
     * @return {@code [batch, groups]}, dimensionless
     */
    public NDArray latentEnergyPerGroup(double sigma) {
        return times(z.square().sum(new int[] {1}), 1 / (sigma * sigma));
    }
}
