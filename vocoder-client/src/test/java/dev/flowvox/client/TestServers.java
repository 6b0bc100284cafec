// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny random models, real servers on loopback ports, and smooth random mels for client tests. */
public final class TestServers {

    /** 4 flows of 2 separable layers with 32 channels, groups of 128: fast, and its audio is noise. */
    static final FlowConfig TINY = new FlowConfig(80, 4, 128, 2, 16, 256, Conditioning.FRAME_RATE,
            new WaveNetConfig(2, 32, 3, true));

    private TestServers() {
    }

    /**
     * Writes (once) a random tiny model.
     *
     * @param dir directory
     * @return {@code dir/tiny.flowvox}
     */
    public static Path tinyModel(Path dir) {
        Path path = dir.resolve("tiny.flowvox");
        if (Files.exists(path)) {
            return path;
        }
        try (NDManager manager = NDManager.newBaseManager();
                FlowParameters parameters = FlowParameters.initialize(TINY, manager, new Initialization(1, 1.0))) {
            ModelBundle.save(path, new ModelInfo(TINY, MelConfig.nvidia22050(), 1.0,
                    Provenance.now("random client-test model", Map.of())), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /**
     * Starts a plaintext server on a free port (all interfaces) with the tiny model.
     *
     * @param dir directory for the model
     * @return the started server
     * @throws IOException if it cannot start
     */
    public static VocoderServer start(Path dir) throws IOException {
        return VocoderServer.create(ServerConfig.local(List.of(tinyModel(dir)))).start();
    }

    /**
     * A smooth random log-mel.
     *
     * @param frames frames
     * @param seed seed
     * @return {@code [80][frames]}, values around -5
     */
    public static float[][] mel(int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] mel = new float[80][frames];
        for (int band = 0; band < 80; band++) {
            double level = -6 + 3 * random.nextDouble();
            for (int t = 0; t < frames; t++) {
                level += 0.3 * (random.nextDouble() - 0.5);
                mel[band][t] = (float) level;
            }
        }
        return mel;
    }
}
