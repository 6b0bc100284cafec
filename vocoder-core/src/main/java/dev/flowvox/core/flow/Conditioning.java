// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/** How the mel spectrogram (one frame per hop of samples) is brought to the time axis of the flow. */
public enum Conditioning {
    /**
     * NVIDIA WaveGlow: a transposed convolution (kernel {@code 4 * hop}, stride {@code hop}) upsamples
     * the mel to one vector per audio sample, trimmed to the audio length; the vectors of the
     * {@code n_group} samples of a group are stacked into {@code n_mel * n_group} channels.
     */
    UPSAMPLED,
    /**
     * Compact variants whose hop is a whole number {@code r} of groups ({@code hop = r · n_group}): a
     * frame-rate convolution (kernel 3, {@code n_mel -> n_mel}) gives each frame its neighbours, and
     * groups {@code r·f … r·f + r - 1} are conditioned on frame {@code f}. No per-sample upsampling.
     */
    FRAME_RATE;

    /** Kernel width (in frames) of the frame-rate convolution used by {@link #FRAME_RATE}. */
    public static final int FRAME_KERNEL = 3;

    /** Kernel of NVIDIA's upsampler as a multiple of the hop length. */
    public static final int UPSAMPLE_KERNEL_HOPS = 4;
}
