// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.WaveNetConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads NVIDIA WaveGlow's constructor arguments from JSON: either the bare arguments ({@code
 * n_mel_channels}, {@code n_flows}, {@code n_group}, {@code n_early_every}, {@code n_early_size},
 * {@code WN_config}) or NVIDIA's training {@code config.json}, whose {@code waveglow_config} holds
 * them. flowvox's own form of a flow configuration (as in a bundle's {@code config.json}: the same
 * keys plus {@code hop_length}, {@code conditioning}, {@code squeeze} and the compact variants'
 * {@code WN_config} keys) is read as well, so any flow shape can be trained from a file.
 */
public final class NvidiaConfig {

    private NvidiaConfig() {
    }

    /**
     * Parses a configuration file.
     *
     * @param path JSON file
     * @return the flow shape
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static FlowConfig read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        try {
            return parse(JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("not a WaveGlow configuration JSON object: " + path + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a configuration object.
     *
     * @param json bare constructor arguments or NVIDIA's training configuration
     * @return the flow shape
     */
    public static FlowConfig parse(JsonObject json) {
        JsonObject args = json.has("waveglow_config") ? json.getAsJsonObject("waveglow_config") : json;
        if (args.has("conditioning")) {
            return ConfigJson.flow(args);
        }
        JsonObject wn = ConfigJson.object(args, "WN_config");
        return FlowConfig.nvidia(
                ConfigJson.integer(args, "n_mel_channels"),
                ConfigJson.integer(args, "n_flows"),
                ConfigJson.integer(args, "n_group"),
                ConfigJson.integer(args, "n_early_every"),
                ConfigJson.integer(args, "n_early_size"),
                WaveNetConfig.dense(ConfigJson.integer(wn, "n_layers"), ConfigJson.integer(wn, "n_channels"), ConfigJson.integer(wn, "kernel_size")));
    }

    /**
     * NVIDIA WaveGlow's constructor arguments read off the shapes of its {@code state_dict}, for
     * checkpoints that come without their configuration: {@code n_mel_channels} from {@code
     * upsample.weight}, {@code n_flows} from the number of {@code convinv} layers, {@code n_group} from
     * the first one's width, {@code n_early_every} and {@code n_early_size} from where and by how much
     * the widths shrink, and {@code WN_config} from the first coupling network (its {@code in_layers}
     * count, {@code start} width and kernel). Weight-normalised ({@code weight_v}) and plain weights
     * both count.
     *
     * @param shapes parameter name to shape
     * @return the flow shape
     * @throws IllegalArgumentException naming the parameter that is missing or malformed
     */
    public static FlowConfig infer(Map<String, long[]> shapes) {
        int nMel = (int) dimension(shapes, "upsample.weight", 0);
        int nFlows = 0;
        while (shapes.containsKey("convinv." + nFlows + ".conv.weight")) {
            nFlows++;
        }
        if (nFlows == 0) {
            throw new IllegalArgumentException("no convinv.0.conv.weight: not a WaveGlow state_dict");
        }
        int nGroup = (int) dimension(shapes, "convinv.0.conv.weight", 0);
        int nEarlyEvery = nFlows;
        int nEarlySize = 0;
        for (int k = 1; k < nFlows; k++) {
            long shrink = dimension(shapes, "convinv." + (k - 1) + ".conv.weight", 0)
                    - dimension(shapes, "convinv." + k + ".conv.weight", 0);
            if (shrink > 0) {
                nEarlyEvery = k;
                nEarlySize = (int) shrink;
                break;
            }
        }
        int nLayers = 0;
        while (weightOf(shapes, "WN.0.in_layers." + nLayers) != null) {
            nLayers++;
        }
        int nChannels = (int) dimension(shapes, weightName(shapes, "WN.0.start"), 0);
        int kernel = (int) dimension(shapes, weightName(shapes, "WN.0.in_layers.0"), 2);
        return FlowConfig.nvidia(nMel, nFlows, nGroup, nEarlyEvery, nEarlySize,
                WaveNetConfig.dense(nLayers, nChannels, kernel));
    }

    private static String weightName(Map<String, long[]> shapes, String layer) {
        String name = weightOf(shapes, layer);
        if (name == null) {
            throw new IllegalArgumentException("no " + layer + ".weight or " + layer + ".weight_v: not a WaveGlow "
                    + "state_dict");
        }
        return name;
    }

    private static String weightOf(Map<String, long[]> shapes, String layer) {
        for (String suffix : new String[] {".weight", ".weight_v"}) {
            if (shapes.containsKey(layer + suffix)) {
                return layer + suffix;
            }
        }
        return null;
    }

    private static long dimension(Map<String, long[]> shapes, String name, int axis) {
        long[] shape = shapes.get(name);
        if (shape == null || shape.length <= axis) {
            throw new IllegalArgumentException(name + (shape == null ? " is missing" : " has shape "
                    + Arrays.toString(shape)) + ": not a WaveGlow state_dict");
        }
        return shape[axis];
    }
}
