// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.Fixtures;
import dev.flowvox.core.flow.WaveGlow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** Other shapes of NVIDIA checkpoints import to the same flow as the fixture's own state_dict. */
class NvidiaCheckpointTest {

    private static NDManager manager;
    private static FlowConfig config;
    private static Map<String, NDArray> stateDict;
    private static NDList io;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager();
        config = NvidiaConfig.read(Fixtures.modelFile("config.json"));
        stateDict = new LinkedHashMap<>();
        for (NDArray array : NDList.decode(manager, Files.readAllBytes(Fixtures.modelFile("weights.npz")))) {
            stateDict.put(array.getName(), array);
        }
        io = Fixtures.load(manager, Fixtures.modelFile("io.npz"));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void checkpointWithWeightNormRemovedGivesTheSameLatent() {
        Map<String, NDArray> removed = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : stateDict.entrySet()) {
            String key = entry.getKey();
            if (key.endsWith(".weight_g")) {
                String prefix = key.substring(0, key.length() - ".weight_g".length());
                removed.put(prefix + ".weight", fold(prefix));
            } else if (!key.endsWith(".weight_v")) {
                removed.put(key, entry.getValue());
            }
        }
        assertLatentMatchesFixture(removed);
    }

    @Test
    void legacyLayoutWithPerLayerConditioningAndSeparateResidualSkipGivesTheSameLatent() {
        Map<String, NDArray> legacy = new LinkedHashMap<>(stateDict);
        int layers = config.waveNet().nLayers();
        int c = config.waveNet().nChannels();
        for (int k = 0; k < config.nFlows(); k++) {
            String wn = "WN." + k + ".";
            NDList condWeights = fold(wn + "cond_layer").split(layers, 0);
            NDList condBiases = legacy.get(wn + "cond_layer.bias").split(layers, 0);
            removeConv(legacy, wn + "cond_layer");
            for (int i = 0; i < layers; i++) {
                legacy.put(wn + "cond_layers." + i + ".weight", condWeights.get(i));
                legacy.put(wn + "cond_layers." + i + ".bias", condBiases.get(i));
                String resSkip = wn + "res_skip_layers." + i;
                NDArray weight = fold(resSkip);
                NDArray bias = legacy.get(resSkip + ".bias");
                removeConv(legacy, resSkip);
                if (i < layers - 1) {
                    NDList w = weight.split(new long[] {c}, 0);
                    NDList b = bias.split(new long[] {c}, 0);
                    legacy.put(wn + "res_layers." + i + ".weight", w.get(0));
                    legacy.put(wn + "res_layers." + i + ".bias", b.get(0));
                    legacy.put(wn + "skip_layers." + i + ".weight", w.get(1));
                    legacy.put(wn + "skip_layers." + i + ".bias", b.get(1));
                } else {
                    legacy.put(wn + "skip_layers." + i + ".weight", weight);
                    legacy.put(wn + "skip_layers." + i + ".bias", bias);
                }
            }
        }
        assertLatentMatchesFixture(legacy);
    }

    @Test
    void unexpectedAndMissingKeysAreNamed() {
        Map<String, NDArray> broken = new LinkedHashMap<>(stateDict);
        broken.remove("convinv.1.conv.weight");
        broken.put("WN.9.start.bias", stateDict.get("WN.0.start.bias"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NvidiaCheckpoint.convert(broken, config, manager));
        assertTrue(e.getMessage().contains("missing: convinv.1.conv.weight")
                && e.getMessage().contains("unexpected keys: [WN.9.start.bias]"), e.getMessage());
    }

    private static NDArray fold(String prefix) {
        NDArray v = stateDict.get(prefix + ".weight_v");
        NDArray norm = v.square().sum(new int[] {1, 2}, true).sqrt();
        return v.mul(stateDict.get(prefix + ".weight_g").div(norm));
    }

    private static void removeConv(Map<String, NDArray> dict, String prefix) {
        dict.remove(prefix + ".weight_g");
        dict.remove(prefix + ".weight_v");
        dict.remove(prefix + ".bias");
    }

    private static void assertLatentMatchesFixture(Map<String, NDArray> dict) {
        try (FlowParameters parameters = NvidiaCheckpoint.convert(dict, config, manager);
                FlowWeights weights = parameters.fold(manager);
                NDManager call = manager.newSubManager()) {
            NDArray audio = Fixtures.get(io, "audio").duplicate();
            NDArray mel = Fixtures.get(io, "mel").duplicate();
            audio.attach(call);
            mel.attach(call);
            NDArray z = new WaveGlow(parameters.layout(), weights).forward(audio, mel).z();
            double error = z.sub(Fixtures.get(io, "z")).abs().max().getFloat();
            assertTrue(error < 1e-4, "max |z - NVIDIA z| = " + error);
        }
    }
}
