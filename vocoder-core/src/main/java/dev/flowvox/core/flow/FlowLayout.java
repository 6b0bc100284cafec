// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The convolutions and invertible 1x1 convolutions of a flow, with NVIDIA's parameter names. One
 * place derives every name and shape from a {@link FlowConfig}; import, initialisation, bundles and
 * the network itself read them from here.
 */
public final class FlowLayout {

    /** Name of the {@link SpectralEnvelope} convolution of {@link Squeeze#LAPPED} flows. */
    static final String ENVELOPE = "envelope";

    private final FlowConfig config;
    private final List<ConvSpec> convolutions;
    private final List<InvertibleSpec> invertibles;
    private final Map<String, ConvSpec> byPrefix;

    /**
     * Derives the layout of {@code config}.
     *
     * @param config flow shape
     */
    public FlowLayout(FlowConfig config) {
        this.config = config;
        List<ConvSpec> specs = new ArrayList<>();
        int mel = config.nMelChannels();
        specs.add(config.conditioning() == Conditioning.UPSAMPLED
                ? new ConvSpec("upsample", mel, mel, Conditioning.UPSAMPLE_KERNEL_HOPS * config.hopLength(),
                        false, false, true)
                : new ConvSpec("cond_conv", mel, mel, Conditioning.FRAME_KERNEL, false, false, false));
        if (config.squeeze() == Squeeze.LAPPED) {
            specs.add(new ConvSpec(ENVELOPE, config.nGroup(), mel, 1, false, false, false));
        }
        WaveNetConfig wn = config.waveNet();
        int c = wn.nChannels();
        for (int k = 0; k < config.nFlows(); k++) {
            int half = config.channelsAt(k) / 2;
            specs.add(new ConvSpec(start(k), c, half, 1, true, false, false));
            specs.add(new ConvSpec(condLayer(k), 2 * c * wn.nLayers(), config.conditioningChannels(), 1,
                    true, false, false));
            for (int i = 0; i < wn.nLayers(); i++) {
                if (wn.separable()) {
                    specs.add(new ConvSpec(depthwise(k, i), c, 1, wn.kernelSize(), false, false, false));
                    specs.add(new ConvSpec(inLayer(k, i), 2 * c, c, 1, true, false, false));
                } else {
                    specs.add(new ConvSpec(inLayer(k, i), 2 * c, c, wn.kernelSize(), true, false, false));
                }
                int resSkip = i < wn.nLayers() - 1 ? 2 * c : c;
                specs.add(new ConvSpec(resSkip(k, i), resSkip, c, 1, true, false, false));
            }
            specs.add(new ConvSpec(end(k), 2 * half, c, 1, false, true, false));
        }
        this.convolutions = List.copyOf(specs);
        List<InvertibleSpec> inv = new ArrayList<>();
        for (int k = 0; k < config.nFlows(); k++) {
            inv.add(new InvertibleSpec("convinv." + k, config.channelsAt(k)));
        }
        this.invertibles = List.copyOf(inv);
        Map<String, ConvSpec> index = new LinkedHashMap<>();
        specs.forEach(spec -> index.put(spec.prefix(), spec));
        this.byPrefix = Map.copyOf(index);
    }

    /**
     * The convolution named {@code prefix}.
     *
     * @param prefix e.g. {@code WN.0.start}
     * @return its specification
     * @throws IllegalArgumentException if this layout has no such convolution
     */
    public ConvSpec convolution(String prefix) {
        ConvSpec spec = byPrefix.get(prefix);
        if (spec == null) {
            throw new IllegalArgumentException("no convolution " + prefix + " in this layout");
        }
        return spec;
    }

    /** The flow shape this layout was derived from. */
    public FlowConfig config() {
        return config;
    }

    /** Every convolution, conditioning first, then flow by flow. */
    public List<ConvSpec> convolutions() {
        return convolutions;
    }

    /** The conditioning convolution: the upsampler or the frame-rate convolution. */
    public ConvSpec conditioning() {
        return convolutions.get(0);
    }

    /**
     * Flow {@code k}'s invertible 1x1 convolution.
     *
     * @param k flow index
     * @return its specification
     */
    public InvertibleSpec invertible(int k) {
        return invertibles.get(k);
    }

    /** The invertible 1x1 convolutions, flow by flow. */
    public List<InvertibleSpec> invertibles() {
        return invertibles;
    }

    /**
     * Names and shapes of every stored parameter, in a fixed order.
     *
     * @return name to shape
     */
    public Map<String, long[]> storedShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ConvSpec conv : convolutions) {
            if (conv.weightNorm()) {
                shapes.put(conv.weightG(), new long[] {conv.outChannels(), 1, 1});
                shapes.put(conv.weightV(), conv.weightShape());
            } else {
                shapes.put(conv.weight(), conv.weightShape());
            }
            shapes.put(conv.bias(), new long[] {conv.outChannels()});
        }
        for (InvertibleSpec inv : invertibles) {
            long c = inv.channels();
            shapes.put(inv.permutation(), new long[] {c, c});
            shapes.put(inv.lower(), new long[] {c, c});
            shapes.put(inv.upper(), new long[] {c, c});
            shapes.put(inv.logScale(), new long[] {c});
            shapes.put(inv.sign(), new long[] {c});
        }
        return shapes;
    }

    /**
     * Whether training updates the stored parameter {@code name}.
     *
     * @param name a stored parameter name
     * @return false for the fixed permutations and signs
     */
    public static boolean isTrainable(String name) {
        return !name.endsWith(".P") && !name.endsWith(".sign_s");
    }

    static String start(int k) {
        return "WN." + k + ".start";
    }

    static String end(int k) {
        return "WN." + k + ".end";
    }

    static String condLayer(int k) {
        return "WN." + k + ".cond_layer";
    }

    static String inLayer(int k, int i) {
        return "WN." + k + ".in_layers." + i;
    }

    static String depthwise(int k, int i) {
        return "WN." + k + ".depthwise." + i;
    }

    static String resSkip(int k, int i) {
        return "WN." + k + ".res_skip_layers." + i;
    }
}
