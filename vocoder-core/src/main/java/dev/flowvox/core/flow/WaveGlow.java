// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The WaveGlow flow with NVIDIA's semantics: analysis ({@link #forward}, audio to latent with the
 * log-determinant terms) and synthesis ({@link #inverse}, latent to audio). Stateless apart from
 * its weights; every result belongs to the manager of the audio or mel argument, so callers scope
 * calls with a sub-manager or {@link ai.djl.ndarray.NDScope}.
 */
public final class WaveGlow {

    private static final Shape ONE = new Shape(1);
    private static final Shape ZERO = new Shape(0);

    private final FlowLayout layout;
    private final FlowConfig config;
    private final FlowWeights weights;
    private final LappedTransform lapped;

    /**
     * Binds a layout to weights.
     *
     * @param layout names and shapes
     * @param weights effective weights of that layout
     */
    public WaveGlow(FlowLayout layout, FlowWeights weights) {
        this.layout = layout;
        this.config = layout.config();
        this.weights = weights;
        this.lapped = config.squeeze() == Squeeze.LAPPED ? new LappedTransform(config.nGroup()) : null;
    }

    /** The flow shape. */
    public FlowConfig config() {
        return config;
    }

    /**
     * Analysis: audio and its mel to the latent and the log-determinant terms.
     *
     * @param audio {@code [batch, samples]}, samples a multiple of {@code n_group}
     * @param mel {@code [batch, n_mel, frames]} with enough frames to cover the audio
     *     ({@code frames >= samples / hop}; the mel convention gives {@code 1 + samples / hop})
     * @return latent and log-determinants
     */
    public FlowOutput forward(NDArray audio, NDArray mel) {
        long batch = audio.getShape().get(0);
        long samples = audio.getShape().get(1);
        int groups = groupsOf(samples);
        NDArray cond = conditioning(mel, groups);
        NDArray x;
        NDArray logScale = null;
        if (lapped != null) {
            NDArray logStd = envelope(mel, groups);
            x = lapped.forward(audio).mul(logStd.neg().exp());
            logScale = logStd.sum(new int[] {1}).neg();
        } else {
            x = audio.reshape(batch, groups, config.nGroup()).transpose(0, 2, 1);
        }
        List<NDArray> early = new ArrayList<>();
        NDArray logDetW = null;
        for (int k = 0; k < config.nFlows(); k++) {
            if (config.hasEarlyOutputBefore(k)) {
                NDList parts = x.split(new long[] {config.nEarlySize()}, 1);
                early.add(parts.get(0));
                x = parts.get(1);
            }
            x = conv(x, weights.invertible(k), null, 0, 1, 1);
            NDList halves = x.split(2, 1);
            NDArray fixed = halves.get(0);
            NDList shiftAndLogScale = couplingNetwork(k, fixed, cond).split(2, 1);
            NDArray logS = shiftAndLogScale.get(1);
            NDArray transformed = logS.exp().mul(halves.get(1)).add(shiftAndLogScale.get(0));
            x = NDArrays.concat(new NDList(fixed, transformed), 1);
            NDArray flowLogScale = logS.sum(new int[] {1});
            logScale = logScale == null ? flowLogScale : logScale.add(flowLogScale);
            logDetW = logDetW == null ? weights.logDet(k) : logDetW.add(weights.logDet(k));
        }
        early.add(x);
        NDArray z = early.size() == 1 ? x : NDArrays.concat(new NDList(early), 1);
        return new FlowOutput(z, logScale, logDetW);
    }

    /**
     * Synthesis: mel and latent to audio, {@code x = f^-1(σ·z)}.
     *
     * @param mel {@code [batch, n_mel, frames]}
     * @param z standard-normal latent {@code [batch, n_group, groups]} in NVIDIA's channel order
     *     (early outputs first); {@code groups * n_group} samples are produced, which is {@code frames
     *     * hop} in NVIDIA's convention
     * @param sigma scale of the latent (NVIDIA's inference default 1.0, commonly 0.6–0.8)
     * @return audio {@code [batch, groups * n_group]}
     */
    public NDArray inverse(NDArray mel, NDArray z, double sigma) {
        long batch = z.getShape().get(0);
        int groups = (int) z.getShape().get(2);
        if (z.getShape().get(1) != config.nGroup()) {
            throw new IllegalArgumentException("latent has " + z.getShape().get(1) + " channels, expected n_group "
                    + config.nGroup());
        }
        NDArray cond = conditioning(mel, groups);
        Deque<NDArray> early = new ArrayDeque<>();
        NDArray x = z.mul((float) sigma);
        int exits = (config.nFlows() - 1) / config.nEarlyEvery();
        if (exits > 0 && config.nEarlySize() > 0) {
            long[] bounds = new long[exits];
            for (int e = 0; e < exits; e++) {
                bounds[e] = (long) (e + 1) * config.nEarlySize();
            }
            NDList parts = x.split(bounds, 1);
            for (int e = 0; e < exits; e++) {
                early.push(parts.get(e));
            }
            x = parts.get(exits);
        }
        for (int k = config.nFlows() - 1; k >= 0; k--) {
            NDList halves = x.split(2, 1);
            NDArray fixed = halves.get(0);
            NDList shiftAndLogScale = couplingNetwork(k, fixed, cond).split(2, 1);
            NDArray restored = halves.get(1).sub(shiftAndLogScale.get(0)).mul(shiftAndLogScale.get(1).neg().exp());
            x = NDArrays.concat(new NDList(fixed, restored), 1);
            x = conv(x, weights.inverseInvertible(k), null, 0, 1, 1);
            if (config.hasEarlyOutputBefore(k) && config.nEarlySize() > 0) {
                x = NDArrays.concat(new NDList(early.pop(), x), 1);
            }
        }
        if (lapped != null) {
            return lapped.inverse(x.mul(envelope(mel, groups).exp()));
        }
        return x.transpose(0, 2, 1).reshape(batch, (long) groups * config.nGroup());
    }

    /**
     * The log standard deviation of every coefficient under the {@link SpectralEnvelope}.
     *
     * @param mel {@code [batch, n_mel, frames]}
     * @param groups blocks of samples
     * @return {@code [batch, n_group, groups]}
     */
    private NDArray envelope(NDArray mel, int groups) {
        return conv1x1(SpectralEnvelope.interpolate(mel, config.groupsPerFrame(), groups), FlowLayout.ENVELOPE);
    }

    /**
     * The conditioning input of every coupling network.
     *
     * @param mel {@code [batch, n_mel, frames]}
     * @param groups groups of samples to condition
     * @return {@code [batch, conditioning channels, groups]}
     */
    public NDArray conditioning(NDArray mel, int groups) {
        ConvSpec spec = layout.conditioning();
        long batch = mel.getShape().get(0);
        long frames = mel.getShape().get(2);
        if (mel.getShape().get(1) != config.nMelChannels()) {
            throw new IllegalArgumentException("mel has " + mel.getShape().get(1) + " bands, expected "
                    + config.nMelChannels());
        }
        if (config.conditioning() == Conditioning.FRAME_RATE) {
            int perFrame = config.groupsPerFrame();
            if (frames * perFrame < groups) {
                throw new IllegalArgumentException("mel has " + frames + " frames, which cover " + frames * config.hopLength()
                        + " samples; the audio needs " + (long) groups * config.nGroup() + " (at least "
                        + (groups + perFrame - 1) / perFrame + " frames; the mel of audio has 1 + samples / "
                        + config.hopLength() + ")");
            }
            NDArray cond = conv(mel, weights.weight(spec), weights.bias(spec), Conditioning.FRAME_KERNEL / 2, 1, 1);
            if (lapped != null) {
                return SpectralEnvelope.interpolate(cond, perFrame, groups);
            }
            if (perFrame > 1) {
                cond = cond.repeat(2, perFrame);
            }
            return cond.getShape().get(2) == groups ? cond : cond.split(new long[] {groups}, 2).get(0);
        }
        long samples = (long) groups * config.nGroup();
        long upsampled = (frames - 1) * config.hopLength() + spec.kernelSize();
        if (upsampled < samples) {
            throw new IllegalArgumentException("mel has " + frames + " frames, which cover " + upsampled
                    + " samples; need " + samples);
        }
        NDArray spect = TransposedUpsampler.apply(mel, weights.weight(spec), weights.bias(spec), config.hopLength());
        if (upsampled > samples) {
            spect = spect.split(new long[] {samples}, 2).get(0);
        }
        return spect.reshape(batch, config.nMelChannels(), groups, config.nGroup())
                .transpose(0, 1, 3, 2)
                .reshape(batch, config.conditioningChannels(), groups);
    }

    /**
     * The WaveNet-like network of flow {@code k}: shift and log-scale of the coupling. Each layer's
     * intermediates are freed as soon as the layer is done (autograd keeps what it needs), so memory
     * stays at a few activations even for long inputs and wide networks.
     *
     * @param k flow index
     * @param fixed the half of the channels that passes unchanged, {@code [batch, c/2, groups]}
     * @param cond output of {@link #conditioning}, {@code [batch, conditioning channels, groups]}
     * @return {@code [batch, c, groups]}: shift first, then log-scale
     */
    NDArray couplingNetwork(int k, NDArray fixed, NDArray cond) {
        int layers = config.waveNet().nLayers();
        NDArray x = conv1x1(fixed, FlowLayout.start(k));
        NDArray skip = null;
        try (NDScope flowScope = new NDScope()) {
            NDList condPerLayer = conv1x1(cond, FlowLayout.condLayer(k)).split(layers, 1);
            for (int i = 0; i < layers; i++) {
                NDArray nextX = x;
                NDArray nextSkip;
                try (NDScope layerScope = new NDScope()) {
                    NDArray resSkip = conv1x1(gatedActivation(k, i, x, condPerLayer.get(i)), FlowLayout.resSkip(k, i));
                    NDArray skipPart = resSkip;
                    if (i < layers - 1) {
                        NDList parts = resSkip.split(2, 1);
                        nextX = x.add(parts.get(0));
                        skipPart = parts.get(1);
                    }
                    nextSkip = skip == null ? skipPart : skip.add(skipPart);
                    NDScope.unregister(nextX, nextSkip);
                }
                if (nextX != x) {
                    x.close();
                }
                if (skip != null) {
                    skip.close();
                }
                x = nextX;
                skip = nextSkip;
            }
            NDArray out = conv1x1(skip, FlowLayout.end(k));
            NDScope.unregister(out);
            return out;
        } finally {
            x.close();
            if (skip != null) {
                skip.close();
            }
        }
    }

    /** {@code tanh(a) · sigmoid(b)} where {@code [a; b]} is layer {@code i}'s dilated convolution plus its conditioning. */
    private NDArray gatedActivation(int k, int i, NDArray x, NDArray cond) {
        NDList gates = dilated(k, i, x).add(cond).split(2, 1);
        return gates.get(0).tanh().mul(Activation.sigmoid(gates.get(1)));
    }

    /** Layer {@code i}'s dilated convolution (dense, or depthwise then pointwise). */
    private NDArray dilated(int k, int i, NDArray x) {
        WaveNetConfig wn = config.waveNet();
        if (wn.separable()) {
            ConvSpec depthwise = spec(FlowLayout.depthwise(k, i));
            NDArray spread = conv(x, weights.weight(depthwise), weights.bias(depthwise), wn.padding(i), wn.dilation(i),
                    wn.nChannels());
            return conv1x1(spread, FlowLayout.inLayer(k, i));
        }
        ConvSpec dense = spec(FlowLayout.inLayer(k, i));
        return conv(x, weights.weight(dense), weights.bias(dense), wn.padding(i), wn.dilation(i), 1);
    }

    private ConvSpec spec(String prefix) {
        return layout.convolution(prefix);
    }

    private NDArray conv1x1(NDArray x, String prefix) {
        ConvSpec spec = spec(prefix);
        return conv(x, weights.weight(spec), weights.bias(spec), 0, 1, 1);
    }

    private static NDArray conv(NDArray x, NDArray weight, NDArray bias, int padding, int dilation, int groups) {
        return Conv1d.conv1d(x, weight, bias, ONE, padding == 0 ? ZERO : new Shape(padding),
                new Shape(dilation), groups).singletonOrThrow();
    }

    private int groupsOf(long samples) {
        if (samples % config.nGroup() != 0) {
            throw new IllegalArgumentException("audio has " + samples + " samples, not a multiple of n_group "
                    + config.nGroup());
        }
        return (int) (samples / config.nGroup());
    }
}
