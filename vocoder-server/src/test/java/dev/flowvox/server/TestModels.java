// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import ai.djl.ndarray.NDManager;

import com.google.protobuf.ByteString;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.proto.v1.MelSpectrogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny random models and mels for server tests (fast on two busy cores). */
public final class TestModels {

    /** 4 flows of 2 separable layers with 32 channels, groups of 128, frame-rate conditioning. */
    public static final FlowConfig TINY = new FlowConfig(80, 4, 128, 2, 16, 256, Conditioning.FRAME_RATE,
            new WaveNetConfig(2, 32, 3, true));

    private TestModels() {
    }

    /**
     * Writes a random tiny model.
     *
     * @param dir directory
     * @param id model id (file name without .flowvox)
     * @param seed weight seed
     * @return the bundle
     */
    public static Path write(Path dir, String id, long seed) {
        return write(dir, id, seed, TINY);
    }

    /**
     * Writes a random model.
     *
     * @param dir directory
     * @param id model id (file name without .flowvox)
     * @param seed weight seed
     * @param flow its shape
     * @return the bundle
     */
    public static Path write(Path dir, String id, long seed, FlowConfig flow) {
        Path path = dir.resolve(id + ".flowvox");
        try (NDManager manager = NDManager.newBaseManager();
                FlowParameters parameters = FlowParameters.initialize(flow, manager, new Initialization(seed, 1.0))) {
            ModelInfo info = new ModelInfo(flow, MelConfig.nvidia22050(), 1.0,
                    Provenance.now("random test model", Map.of("seed", Long.toString(seed))));
            ModelBundle.save(path, info, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
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

    /**
     * Frames {@code [from, to)} of a mel in the wire layout (frame-major float32 little-endian).
     *
     * @param mel {@code [n_mel][frames]}
     * @param from first frame
     * @param to end frame (exclusive)
     * @return the message
     */
    public static MelSpectrogram wire(float[][] mel, int from, int to) {
        ByteBuffer data = ByteBuffer.allocate(4 * mel.length * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = from; t < to; t++) {
            for (float[] band : mel) {
                data.putFloat(band[t]);
            }
        }
        return MelSpectrogram.newBuilder().setNMel(mel.length).setData(ByteString.copyFrom(data.array())).build();
    }

    /**
     * A whole mel in the wire layout.
     *
     * @param mel {@code [n_mel][frames]}
     * @return the message
     */
    public static MelSpectrogram wire(float[][] mel) {
        return wire(mel, 0, mel[0].length);
    }

    /**
     * Signal-to-noise ratio of a signal against a reference.
     *
     * @param reference the reference
     * @param signal the signal, same length
     * @return {@code 10 log10(Σ ref² / Σ (ref − signal)²)}, dB; infinite if equal
     */
    public static double snrDb(float[] reference, float[] signal) {
        if (reference.length != signal.length) {
            throw new IllegalArgumentException(signal.length + " samples against a reference of " + reference.length);
        }
        double power = 0;
        double noise = 0;
        for (int i = 0; i < reference.length; i++) {
            power += (double) reference[i] * reference[i];
            double d = reference[i] - signal[i];
            noise += d * d;
        }
        return 10 * Math.log10(power / noise);
    }
}
