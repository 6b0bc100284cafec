// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.model.NvidiaCheckpoint;
import dev.flowvox.core.model.NvidiaConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PyTorch checkpoints read without Python, against the same weights saved by NumPy. The fixtures
 * were written by real {@code torch.save} ({@code scripts/make-torch-fixtures.py}, PyTorch 1.13): a
 * small WaveGlow (4 mel bands, kernel 5, 3 layers) whose classes and keys are named as in NVIDIA's
 * glow.py, saved as NVIDIA's training script saves it, in both file formats, and as a float16
 * state dict.
 */
class TorchCheckpointTest {

    @TempDir
    static Path dir;
    private static NDManager manager;
    private static Map<String, NDArray> reference;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager();
        reference = NvidiaCheckpoint.stateDict(fixture("tiny.npz"), manager);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-train-zip.pt", "tiny-train-legacy.pt"})
    void trainingCheckpointsHoldTheModelsStateDictExactly(String file) throws IOException {
        Path path = fixture(file);
        assertTrue(TorchCheckpoint.isTorchFile(path));

        Map<String, TorchCheckpoint.Tensor> read = TorchCheckpoint.stateDict(path);

        assertEquals(reference.keySet(), read.keySet(), "the module's parameters, not the optimizer's state");
        for (Map.Entry<String, TorchCheckpoint.Tensor> entry : read.entrySet()) {
            NDArray expected = reference.get(entry.getKey());
            assertArrayEquals(expected.getShape().getShape(), entry.getValue().shape(), entry.getKey());
            assertArrayEquals(expected.toFloatArray(), entry.getValue().data(), entry.getKey());
        }
    }

    @Test
    void halfPrecisionStateDictIsWidenedToTheNearestValues() throws IOException {
        Map<String, TorchCheckpoint.Tensor> read = TorchCheckpoint.stateDict(fixture("tiny-state-dict-half.pt"));

        assertEquals(reference.keySet(), read.keySet());
        for (Map.Entry<String, TorchCheckpoint.Tensor> entry : read.entrySet()) {
            float[] expected = reference.get(entry.getKey()).toType(DataType.FLOAT16, false)
                    .toType(DataType.FLOAT32, false).toFloatArray();
            assertArrayEquals(expected, entry.getValue().data(), entry.getKey());
        }
    }

    @Test
    void theConfigurationIsReadOffTheShapes() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        TorchCheckpoint.stateDict(fixture("tiny-train-legacy.pt")).forEach((name, t) -> shapes.put(name, t.shape()));

        assertEquals(NvidiaConfig.read(fixture("tiny.config.json")), NvidiaConfig.infer(shapes));
    }

    @Test
    void theImportedFlowEqualsTheNumpyImport() throws IOException {
        FlowConfig config = NvidiaConfig.read(fixture("tiny.config.json"));
        SplittableRandom random = new SplittableRandom(7);
        int frames = 6;
        float[] audio = new float[frames * 256];
        float[] mel = new float[config.nMelChannels() * (frames + 3)];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.1 * random.nextGaussian());
        }
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) (-5 + random.nextGaussian());
        }
        float[] fromNumpy = latent(NvidiaCheckpoint.read(fixture("tiny.npz"), config, manager), audio, mel, frames + 3);
        float[] fromTorch = latent(NvidiaCheckpoint.read(fixture("tiny-train-legacy.pt"), config, manager), audio, mel,
                frames + 3);

        assertArrayEquals(fromNumpy, fromTorch);
    }

    @Test
    void otherFilesAreRefusedSayingWhatTheyAre() throws IOException {
        assertFalse(TorchCheckpoint.isTorchFile(fixture("tiny.npz")));
        IOException npz = assertThrows(IOException.class, () -> TorchCheckpoint.stateDict(fixture("tiny.npz")));
        assertTrue(npz.getMessage().contains("without data.pkl"), npz.getMessage());

        Path pickle = dir.resolve("list.pt");
        Files.write(pickle, new byte[] {(byte) 0x80, 2, ']', 'K', 5, 'a', '.'});
        IOException list = assertThrows(IOException.class, () -> TorchCheckpoint.stateDict(pickle));
        assertTrue(list.getMessage().contains("not a torch.save file (first value [5])"), list.getMessage());

        byte[] whole = Files.readAllBytes(fixture("tiny-train-legacy.pt"));
        Path cut = dir.resolve("cut.pt");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        IOException truncated = assertThrows(IOException.class, () -> TorchCheckpoint.stateDict(cut));
        assertTrue(truncated.getMessage().contains("ends"), truncated.getMessage());
    }

    /** Corrupted files end in an IOException naming the file, never in another exception. */
    @Test
    void corruptedFilesGiveIoExceptions() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("tiny-train-legacy.pt"));
        SplittableRandom random = new SplittableRandom(11);
        Path corrupted = dir.resolve("corrupted.pt");
        int refused = 0;
        for (int trial = 0; trial < 60; trial++) {
            byte[] bytes = whole.clone();
            int first = random.nextInt(2, 60000);
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                bytes[first + random.nextInt(64)] = (byte) random.nextInt(256);
            }
            Files.write(corrupted, bytes);
            try {
                TorchCheckpoint.stateDict(corrupted);
            } catch (IOException e) {
                refused++;
                assertTrue(e.getMessage().contains("corrupted.pt") || e.getMessage().contains("pickle"), e.getMessage());
            }
        }
        assertTrue(refused > 10, refused + " of 60 corrupted files refused");
    }

    @Test
    void halfFloatsWidenExactly() {
        assertEquals(1f, TorchCheckpoint.half((short) 0x3C00));
        assertEquals(-2f, TorchCheckpoint.half((short) 0xC000));
        assertEquals(65504f, TorchCheckpoint.half((short) 0x7BFF));
        assertEquals(0x1p-24f, TorchCheckpoint.half((short) 0x0001));
        assertEquals(-0x1p-14f, TorchCheckpoint.half((short) 0x8400));
        assertEquals(Float.POSITIVE_INFINITY, TorchCheckpoint.half((short) 0x7C00));
        assertTrue(Float.isNaN(TorchCheckpoint.half((short) 0x7E00)));
    }

    private static float[] latent(FlowParameters parameters, float[] audio, float[] mel, int frames) {
        try (parameters; FlowWeights weights = parameters.fold(manager); NDManager call = manager.newSubManager()) {
            NDArray x = call.create(audio, new Shape(1, audio.length));
            NDArray m = call.create(mel, new Shape(1, mel.length / frames, frames));
            return new WaveGlow(parameters.layout(), weights).forward(x, m).z().toFloatArray();
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(TorchCheckpointTest.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
