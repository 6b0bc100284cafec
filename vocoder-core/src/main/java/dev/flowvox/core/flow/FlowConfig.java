// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

/**
 * Shape of a WaveGlow-style flow: NVIDIA's constructor arguments plus the options of the compact
 * variants. Immutable and validated.
 *
 * <p>Audio of {@code L} samples is squeezed into {@code T = L / nGroup} groups of {@code nGroup}
 * samples. Flow {@code k} (0-based) applies an invertible 1x1 convolution and an affine coupling
 * to the channels still in play; before every flow {@code k > 0} with {@code k % nEarlyEvery ==
 * 0}, {@code nEarlySize} channels leave the flow (early outputs).
 *
 * @param nMelChannels mel bands of the conditioning spectrogram
 * @param nFlows number of flow steps
 * @param nGroup samples per group (channels of the squeezed audio), even
 * @param nEarlyEvery early outputs leave before every flow that is a multiple of this
 * @param nEarlySize channels that leave at each early output, even
 * @param hopLength samples per mel frame
 * @param conditioning how the mel reaches the time axis of the flow
 * @param waveNet shape of the coupling networks
 * @param squeeze how samples become the flow's channels ({@link Squeeze#GROUPS} is NVIDIA's)
 * @param pitchPrediction the long-term predictor in front of the squeeze ({@link PitchPredictor};
 *     {@link PitchPrediction#OFF} is NVIDIA's)
 */
public record FlowConfig(
        int nMelChannels,
        int nFlows,
        int nGroup,
        int nEarlyEvery,
        int nEarlySize,
        int hopLength,
        Conditioning conditioning,
        WaveNetConfig waveNet,
        Squeeze squeeze,
        PitchPrediction pitchPrediction) {

    /** Validates the shape and that every coupling keeps at least two channels. */
    public FlowConfig {
        require(nMelChannels >= 1, "n_mel_channels must be >= 1, got " + nMelChannels);
        require(nFlows >= 1, "n_flows must be >= 1, got " + nFlows);
        require(nGroup >= 2 && nGroup % 2 == 0, "n_group must be even and >= 2, got " + nGroup);
        require(nEarlyEvery >= 1, "n_early_every must be >= 1, got " + nEarlyEvery);
        require(nEarlySize >= 0 && nEarlySize % 2 == 0,
                "n_early_size must be even and >= 0, got " + nEarlySize);
        require(hopLength >= 1, "hop length must be >= 1, got " + hopLength);
        if (conditioning == null || waveNet == null || squeeze == null || pitchPrediction == null) {
            throw new IllegalArgumentException("conditioning, waveNet, squeeze and pitchPrediction are required");
        }
        require(squeeze != Squeeze.LAPPED || conditioning == Conditioning.FRAME_RATE,
                "the lapped squeeze needs frame-rate conditioning");
        int exits = (nFlows - 1) / nEarlyEvery;
        int remaining = nGroup - exits * nEarlySize;
        require(remaining >= 2,
                "n_group " + nGroup + " leaves " + remaining + " channel(s) after " + exits
                        + " early outputs of " + nEarlySize + "; at least 2 must remain");
        require(conditioning != Conditioning.FRAME_RATE || hopLength % nGroup == 0,
                "frame-rate conditioning needs a hop length that is a multiple of n_group, got n_group " + nGroup
                        + " and hop " + hopLength);
    }

    /**
     * A flow without pitch prediction.
     *
     * @param nMelChannels mel bands
     * @param nFlows flow steps
     * @param nGroup samples per group
     * @param nEarlyEvery early output interval
     * @param nEarlySize channels per early output
     * @param hopLength samples per mel frame
     * @param conditioning how the mel reaches the flow's time axis
     * @param waveNet coupling network shape
     * @param squeeze how samples become the flow's channels
     */
    public FlowConfig(int nMelChannels, int nFlows, int nGroup, int nEarlyEvery, int nEarlySize, int hopLength,
            Conditioning conditioning, WaveNetConfig waveNet, Squeeze squeeze) {
        this(nMelChannels, nFlows, nGroup, nEarlyEvery, nEarlySize, hopLength, conditioning, waveNet, squeeze,
                PitchPrediction.OFF);
    }

    /**
     * A flow that squeezes samples into groups ({@link Squeeze#GROUPS}, NVIDIA's).
     *
     * @param nMelChannels mel bands
     * @param nFlows flow steps
     * @param nGroup samples per group
     * @param nEarlyEvery early output interval
     * @param nEarlySize channels per early output
     * @param hopLength samples per mel frame
     * @param conditioning how the mel reaches the flow's time axis
     * @param waveNet coupling network shape
     */
    public FlowConfig(int nMelChannels, int nFlows, int nGroup, int nEarlyEvery, int nEarlySize, int hopLength,
            Conditioning conditioning, WaveNetConfig waveNet) {
        this(nMelChannels, nFlows, nGroup, nEarlyEvery, nEarlySize, hopLength, conditioning, waveNet, Squeeze.GROUPS);
    }

    /**
     * NVIDIA WaveGlow's configuration (dense couplings, upsampled conditioning, hop 256).
     *
     * @param nMelChannels mel bands
     * @param nFlows flow steps
     * @param nGroup samples per group
     * @param nEarlyEvery early output interval
     * @param nEarlySize channels per early output
     * @param waveNet coupling network shape
     * @return the configuration
     */
    public static FlowConfig nvidia(int nMelChannels, int nFlows, int nGroup, int nEarlyEvery,
            int nEarlySize, WaveNetConfig waveNet) {
        return new FlowConfig(nMelChannels, nFlows, nGroup, nEarlyEvery, nEarlySize, 256,
                Conditioning.UPSAMPLED, waveNet);
    }

    /** The published 256-channel WaveGlow (87.7M parameters). */
    public static FlowConfig publishedWaveGlow() {
        return nvidia(80, 12, 8, 4, 2, WaveNetConfig.dense(8, 256, 3));
    }

    /**
     * flowvox's compact CPU flow: groups of 128 samples conditioned at frame rate, 8 flows of 8
     * depthwise-separable layers with 96 channels whose dilations cycle 1, 2, 4, 8 (see the model card
     * for how it was chosen).
     */
    public static FlowConfig compact() {
        return new FlowConfig(80, 8, 128, 2, 16, 256, Conditioning.FRAME_RATE, new WaveNetConfig(8, 96, 3, true, 4));
    }

    /**
     * flowvox's spectral CPU flow, the shipped default: a pitch predictor ({@link
     * PitchPrediction#SPEECH}), then 256 lapped-transform coefficients (43 Hz apart) per hop of 256
     * samples, scaled by the mel's spectral envelope, then 8 flows of 8 depthwise-separable layers with
     * 96 channels whose dilations cycle 1, 2, 4, 8; 32 channels leave every 2 flows (see the model card
     * for how it was chosen).
     */
    public static FlowConfig spectral() {
        return new FlowConfig(80, 8, 256, 2, 32, 256, Conditioning.FRAME_RATE, new WaveNetConfig(8, 96, 3, true, 4),
                Squeeze.LAPPED, PitchPrediction.SPEECH);
    }

    /**
     * @param prediction the pitch predictor's settings
     * @return this shape with that predictor
     */
    public FlowConfig withPitchPrediction(PitchPrediction prediction) {
        return new FlowConfig(nMelChannels, nFlows, nGroup, nEarlyEvery, nEarlySize, hopLength, conditioning, waveNet,
                squeeze, prediction);
    }

    /**
     * Whether {@code nEarlySize} channels leave the flow just before flow {@code k}.
     *
     * @param k flow index, 0-based
     * @return true for {@code k > 0} and {@code k % nEarlyEvery == 0}
     */
    public boolean hasEarlyOutputBefore(int k) {
        return k > 0 && k % nEarlyEvery == 0;
    }

    /**
     * Channels that flow {@code k} transforms.
     *
     * @param k flow index, 0-based
     * @return {@code nGroup} minus the channels that left before flow {@code k}
     */
    public int channelsAt(int k) {
        return nGroup - (k / nEarlyEvery) * nEarlySize;
    }

    /** Channels that reach the end of the flow ({@code n_remaining_channels} in NVIDIA's code). */
    public int remainingChannels() {
        return channelsAt(nFlows - 1);
    }

    /** Groups per mel frame under {@link Conditioning#FRAME_RATE} ({@code hop / n_group}). */
    public int groupsPerFrame() {
        return hopLength / nGroup;
    }

    /** Channels of the conditioning input of every coupling network. */
    public int conditioningChannels() {
        return conditioning == Conditioning.UPSAMPLED ? nMelChannels * nGroup : nMelChannels;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
