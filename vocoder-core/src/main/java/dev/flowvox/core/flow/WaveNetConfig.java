// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/**
 * Shape of the WaveNet-like stack that computes the affine coupling's scale and shift (NVIDIA's
 * {@code WN_config}).
 *
 * @param nLayers number of dilated layers; layer {@code i} has dilation {@code 2^i}
 * @param nChannels residual channels {@code C}; the gated layers produce {@code 2C} channels
 * @param kernelSize odd kernel width of the dilated convolutions (in groups of samples)
 * @param separable when true each dilated convolution is depthwise ({@code C} filters of width
 *     {@code kernelSize}) followed by a pointwise {@code C -> 2C} convolution, as in SqueezeWave;
 *     NVIDIA's WaveGlow uses dense convolutions ({@code false})
 * @param dilationCycle dilations restart after this many layers: layer {@code i} has dilation {@code
 *     2^(i mod dilationCycle)}; {@code nLayers} gives NVIDIA's {@code 2^i}. A short cycle bounds the
 *     receptive field, which makes chunked streaming cheaper.
 */
public record WaveNetConfig(int nLayers, int nChannels, int kernelSize, boolean separable, int dilationCycle) {

    /** Validates the shape. */
    public WaveNetConfig {
        if (nLayers < 1) {
            throw new IllegalArgumentException("n_layers must be >= 1, got " + nLayers);
        }
        if (nChannels < 2 || nChannels % 2 != 0) {
            throw new IllegalArgumentException("n_channels must be even and >= 2, got " + nChannels);
        }
        if (kernelSize < 1 || kernelSize % 2 != 1) {
            throw new IllegalArgumentException("kernel_size must be odd and >= 1, got " + kernelSize);
        }
        if (dilationCycle < 1 || dilationCycle > nLayers) {
            throw new IllegalArgumentException("dilation cycle must be in [1, n_layers = " + nLayers + "], got "
                    + dilationCycle);
        }
    }

    /**
     * A stack with NVIDIA's dilations {@code 2^i}.
     *
     * @param nLayers number of dilated layers
     * @param nChannels residual channels
     * @param kernelSize odd kernel width
     * @param separable depthwise-separable convolutions
     */
    public WaveNetConfig(int nLayers, int nChannels, int kernelSize, boolean separable) {
        this(nLayers, nChannels, kernelSize, separable, nLayers);
    }

    /**
     * NVIDIA's dense configuration.
     *
     * @param nLayers number of dilated layers
     * @param nChannels residual channels
     * @param kernelSize odd kernel width
     * @return the configuration with dense convolutions
     */
    public static WaveNetConfig dense(int nLayers, int nChannels, int kernelSize) {
        return new WaveNetConfig(nLayers, nChannels, kernelSize, false);
    }

    /**
     * Padding that keeps the length of layer {@code layer}'s output equal to its input.
     *
     * @param layer layer index
     * @return padding on each side (in groups of samples)
     */
    public int padding(int layer) {
        return dilation(layer) * (kernelSize - 1) / 2;
    }

    /**
     * Dilation of layer {@code layer}.
     *
     * @param layer layer index, 0-based
     * @return {@code 2^(layer mod dilationCycle)}
     */
    public int dilation(int layer) {
        return 1 << (layer % dilationCycle);
    }

    /**
     * How far one coupling network sees on each side (in groups of samples).
     *
     * @return {@code Σ_i dilation(i) · (kernelSize - 1) / 2}
     */
    public int receptiveFieldRadius() {
        int radius = 0;
        for (int i = 0; i < nLayers; i++) {
            radius += padding(i);
        }
        return radius;
    }
}
