// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.flow.Squeeze;
import dev.flowvox.core.flow.WaveNetConfig;

import java.util.Locale;

/**
 * JSON forms of the configurations, with NVIDIA's key names where NVIDIA has one ({@code
 * n_mel_channels}, {@code WN_config}, {@code sampling_rate}, {@code filter_length}, …).
 */
final class ConfigJson {

    private ConfigJson() {
    }

    static JsonObject flow(FlowConfig config) {
        JsonObject wn = new JsonObject();
        wn.addProperty("n_layers", config.waveNet().nLayers());
        wn.addProperty("n_channels", config.waveNet().nChannels());
        wn.addProperty("kernel_size", config.waveNet().kernelSize());
        wn.addProperty("separable", config.waveNet().separable());
        wn.addProperty("dilation_cycle", config.waveNet().dilationCycle());
        JsonObject json = new JsonObject();
        json.addProperty("n_mel_channels", config.nMelChannels());
        json.addProperty("n_flows", config.nFlows());
        json.addProperty("n_group", config.nGroup());
        json.addProperty("n_early_every", config.nEarlyEvery());
        json.addProperty("n_early_size", config.nEarlySize());
        json.addProperty("hop_length", config.hopLength());
        json.addProperty("conditioning", config.conditioning().name().toLowerCase(Locale.ROOT));
        json.addProperty("squeeze", config.squeeze().name().toLowerCase(Locale.ROOT));
        if (config.pitchPrediction().enabled()) {
            JsonObject pitch = new JsonObject();
            pitch.addProperty("voiced_gain", config.pitchPrediction().voicedGain());
            pitch.addProperty("threshold", config.pitchPrediction().threshold());
            json.add("pitch_prediction", pitch);
        }
        json.add("WN_config", wn);
        return json;
    }

    static FlowConfig flow(JsonObject json) {
        JsonObject wn = object(json, "WN_config");
        return new FlowConfig(
                integer(json, "n_mel_channels"),
                integer(json, "n_flows"),
                integer(json, "n_group"),
                integer(json, "n_early_every"),
                integer(json, "n_early_size"),
                integer(json, "hop_length"),
                conditioning(string(json, "conditioning")),
                new WaveNetConfig(integer(wn, "n_layers"), integer(wn, "n_channels"), integer(wn, "kernel_size"),
                        field(wn, "separable").getAsBoolean(),
                        wn.has("dilation_cycle") ? integer(wn, "dilation_cycle") : integer(wn, "n_layers")),
                json.has("squeeze") ? squeeze(string(json, "squeeze")) : Squeeze.GROUPS,
                json.has("pitch_prediction") ? pitchPrediction(object(json, "pitch_prediction")) : PitchPrediction.OFF);
    }

    private static PitchPrediction pitchPrediction(JsonObject json) {
        return new PitchPrediction(number(json, "voiced_gain"), number(json, "threshold"));
    }

    static JsonObject mel(MelConfig mel) {
        JsonObject json = new JsonObject();
        json.addProperty("sampling_rate", mel.sampleRate());
        json.addProperty("filter_length", mel.filterLength());
        json.addProperty("hop_length", mel.hopLength());
        json.addProperty("win_length", mel.winLength());
        json.addProperty("n_mel_channels", mel.nMels());
        json.addProperty("mel_fmin", mel.fMin());
        json.addProperty("mel_fmax", mel.fMax());
        json.addProperty("log_floor", mel.logFloor());
        return json;
    }

    static MelConfig mel(JsonObject json) {
        return new MelConfig(
                integer(json, "sampling_rate"),
                integer(json, "filter_length"),
                integer(json, "hop_length"),
                integer(json, "win_length"),
                integer(json, "n_mel_channels"),
                number(json, "mel_fmin"),
                number(json, "mel_fmax"),
                number(json, "log_floor"));
    }

    static JsonElement field(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("missing \"" + name + "\"; found " + json.keySet());
        }
        return value;
    }

    static JsonObject object(JsonObject json, String name) {
        JsonElement value = field(json, name);
        if (!value.isJsonObject()) {
            throw new IllegalArgumentException("\"" + name + "\" must be an object, got " + value);
        }
        return value.getAsJsonObject();
    }

    static String string(JsonObject json, String name) {
        return field(json, name).getAsString();
    }

    static double number(JsonObject json, String name) {
        try {
            return field(json, name).getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number, got " + json.get(name), e);
        }
    }

    static int integer(JsonObject json, String name) {
        double value = number(json, name);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + name + "\" must be an integer, got " + json.get(name));
        }
        return (int) value;
    }

    private static Squeeze squeeze(String name) {
        for (Squeeze s : Squeeze.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown squeeze \"" + name + "\"; expected groups or lapped");
    }

    private static Conditioning conditioning(String name) {
        for (Conditioning c : Conditioning.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown conditioning \"" + name + "\"; expected upsampled or frame_rate");
    }
}
