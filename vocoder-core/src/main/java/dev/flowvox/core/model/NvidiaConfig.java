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
}
