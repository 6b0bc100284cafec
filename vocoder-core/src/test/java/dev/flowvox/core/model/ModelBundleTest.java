// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.flow.Conditioning;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.PitchPrediction;
import dev.flowvox.core.flow.Squeeze;
import dev.flowvox.core.flow.WaveNetConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

class ModelBundleTest extends NativeMemoryTest {

    private static final FlowConfig FLOW = new FlowConfig(80, 4, 64, 2, 16, 256, Conditioning.FRAME_RATE,
            new WaveNetConfig(2, 16, 3, true));
    @TempDir
    Path dir;

    @Test
    void savedAndLoadedModelSynthesizesAndScoresIdentically() throws IOException {
        Path path = dir.resolve("m.flowvox");
        float[][] mel = mel(9);
        try (VocoderModel original = saveRandomModel(path); VocoderModel loaded = ModelBundle.load(path, manager)) {
            assertEquals(original.info(), loaded.info());
            float[] a = original.synthesizer().synthesize(mel, 0.8, 5);
            float[] b = loaded.synthesizer().synthesize(mel, 0.8, 5);
            assertArrayEquals(a, b, 0f);
            assertEquals(original.scorer().score(a, mel).totalNats(), loaded.scorer().score(a, mel).totalNats(), 0.0);
        }
    }

    @Test
    void lappedModelKeepsItsSqueezeAndSynthesizesIdentically() throws IOException {
        FlowConfig lapped = new FlowConfig(80, 4, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                new WaveNetConfig(2, 16, 3, true), Squeeze.LAPPED);
        Path path = dir.resolve("lapped.flowvox");
        float[][] mel = mel(9);
        try (VocoderModel original = saveRandomModel(path, lapped); VocoderModel loaded = ModelBundle.load(path, manager)) {
            assertEquals(Squeeze.LAPPED, loaded.info().flow().squeeze());
            assertArrayEquals(original.synthesizer().synthesize(mel, 0.8, 5), loaded.synthesizer().synthesize(mel, 0.8, 5), 0f);
        }
    }

    @Test
    void pitchPredictionSurvivesTheBundleAndShapesSynthesis() throws IOException {
        PitchPrediction prediction = new PitchPrediction(0.9, 0.12);
        FlowConfig pitched = new FlowConfig(80, 4, 128, 2, 16, 256, Conditioning.FRAME_RATE,
                new WaveNetConfig(2, 16, 3, true), Squeeze.LAPPED, prediction);
        Path path = dir.resolve("pitched.flowvox");
        float[][] mel = new MelSpectrogram(MelConfig.nvidia22050()).compute(SyntheticSpeech.audio(9 * 256, 22050));
        float[][] frames = new float[80][];
        for (int band = 0; band < 80; band++) {
            frames[band] = Arrays.copyOf(mel[band], 9);
        }
        try (VocoderModel original = saveRandomModel(path, pitched); VocoderModel loaded = ModelBundle.load(path, manager)) {
            assertEquals(prediction, loaded.info().flow().pitchPrediction());
            float[] audio = loaded.synthesizer().synthesize(frames, 0.8, 5);
            assertArrayEquals(original.synthesizer().synthesize(frames, 0.8, 5), audio, 0f);
            try (VocoderModel unpitched = saveRandomModel(dir.resolve("plain.flowvox"),
                    pitched.withPitchPrediction(PitchPrediction.OFF))) {
                float[] plain = unpitched.synthesizer().synthesize(frames, 0.8, 5);
                assertEquals(plain.length, audio.length);
                assertFalse(Arrays.equals(plain, audio), "the predictor should change voiced audio");
            }
        }
    }

    @Test
    void truncatedBundleIsReportedAsTruncated() throws IOException {
        Path path = dir.resolve("m.flowvox");
        saveRandomModel(path).close();
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length / 2));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(path, manager));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void alteredWeightsFailTheChecksum() throws IOException {
        Path path = dir.resolve("m.flowvox");
        saveRandomModel(path).close();
        Path tampered = rewrite(path, name -> name.equals("params/WN.1.end.weight.npy") ? "flip" : null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(tampered, manager));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("WN.1.end.weight"), e.getMessage());
    }

    @Test
    void manifestThatDisagreesWithTheWeightsNamesTheMismatch() throws IOException {
        Path path = dir.resolve("m.flowvox");
        saveRandomModel(path).close();
        Path mismatched = rewrite(path, name -> name.equals(BundleArchive.MANIFEST) ? "\"n_flows\": 4=\"n_flows\": 3" : null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(mismatched, manager));
        assertTrue(e.getMessage().contains("unexpected parameter WN.3"), e.getMessage());
    }

    @Test
    void newerFormatVersionIsRejectedWithTheVersions() throws IOException {
        Path path = dir.resolve("m.flowvox");
        saveRandomModel(path).close();
        Path newer = rewrite(path, name -> name.equals(BundleArchive.MANIFEST) ? "\"version\": 1=\"version\": 7" : null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(newer, manager));
        assertTrue(e.getMessage().contains("version 7") && e.getMessage().contains("upgrade"), e.getMessage());
    }

    /** The recommended σ is a section of its own: absent means the fallback, written it survives loading. */
    @Test
    void synthesisDefaultsAreReadBackAndKeepEverythingElse() throws IOException {
        Path path = dir.resolve("m.flowvox");
        saveRandomModel(path).close();
        try (VocoderModel plain = ModelBundle.load(path, manager)) {
            assertEquals(SynthesisDefaults.FALLBACK, plain.synthesisDefaults());
        }
        float[] weights = BundleArchive.read(path).arrays(ModelBundle.PARAMS).get("convinv.0.L").data();
        SynthesisDefaults chosen = new SynthesisDefaults(0.85, 2, 0.999, "lowest distance on 40 clips");
        chosen.write(path);
        try (VocoderModel tuned = ModelBundle.load(path, manager)) {
            assertEquals(chosen, tuned.synthesisDefaults());
            assertEquals(2, tuned.synthesizer().refinement().passes());
            assertEquals(0.999, tuned.synthesizer().refinement().voicedGain());
        }
        Path second = rewrite(path,
                name -> name.equals(BundleArchive.MANIFEST) ? "\"version\": 3=\"version\": 2" : null);
        try (VocoderModel before = ModelBundle.load(second, manager)) {
            assertEquals(new SynthesisDefaults(0.85, 2, chosen.basis()), before.synthesisDefaults(),
                    "a version-2 section keeps the pitch predictor's own gain");
        }
        Path older = rewrite(path,
                name -> name.equals(BundleArchive.MANIFEST) ? "\"version\": 3=\"version\": 1" : null);
        try (VocoderModel first = ModelBundle.load(older, manager)) {
            assertEquals(new SynthesisDefaults(0.85, 0, chosen.basis()), first.synthesisDefaults(),
                    "a version-1 section has no refinement");
        }
        assertArrayEquals(weights, BundleArchive.read(path).arrays(ModelBundle.PARAMS).get("convinv.0.L").data());

        Path newer = rewrite(path, name -> name.equals(BundleArchive.MANIFEST) ? "\"sigma\": 0.85=\"sigma\": 9.5" : null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(newer, manager));
        assertTrue(e.getMessage().contains("malformed \"synthesis\" section: synthesis sigma 9.5; expected 0 to 4.0"),
                e.getMessage());
    }

    @Test
    void fileThatIsNotABundleSaysSo() throws IOException {
        Path path = dir.resolve("notes.flowvox");
        Files.writeString(path, "hello");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(path, manager));
        assertTrue(e.getMessage().contains("not a readable flowvox bundle"), e.getMessage());
    }

    private static VocoderModel saveRandomModel(Path path) throws IOException {
        return saveRandomModel(path, FLOW);
    }

    private static VocoderModel saveRandomModel(Path path, FlowConfig flow) throws IOException {
        FlowParameters parameters = FlowParameters.initialize(flow, manager, new Initialization(3, 1.0));
        ModelInfo info = new ModelInfo(flow, MelConfig.nvidia22050(), 1.0,
                Provenance.now("random test model", Map.of("steps", "0")));
        ModelBundle.save(path, info, parameters);
        return new VocoderModel(info, parameters, manager);
    }

    /**
     * Copies a bundle, changing entries: "flip" inverts the last byte of an entry; "OLD=NEW" replaces
     * text in it. Entries are rewritten with fresh zip checksums so only our own checks can notice.
     */
    private Path rewrite(Path path, UnaryOperator<String> change) throws IOException {
        Path out = dir.resolve("changed.flowvox");
        try (ZipFile zip = new ZipFile(path.toFile());
                OutputStream file = Files.newOutputStream(out);
                ZipOutputStream target = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] data;
                try (InputStream in = zip.getInputStream(entry)) {
                    data = in.readAllBytes();
                }
                String how = change.apply(entry.getName());
                if ("flip".equals(how)) {
                    data[data.length - 1] ^= (byte) 0xFF;
                } else if (how != null) {
                    String[] parts = how.split("=", 2);
                    String text = new String(data, StandardCharsets.UTF_8);
                    assertTrue(text.contains(parts[0]), "manifest lacks " + parts[0]);
                    data = text.replace(parts[0], parts[1]).getBytes(StandardCharsets.UTF_8);
                }
                target.putNextEntry(new ZipEntry(entry.getName()));
                target.write(data);
                target.closeEntry();
            }
        }
        return out;
    }

    private static float[][] mel(int frames) {
        SplittableRandom random = new SplittableRandom(4);
        float[][] mel = new float[80][frames];
        for (float[] band : mel) {
            for (int t = 0; t < frames; t++) {
                band[t] = (float) (random.nextGaussian() - 4);
            }
        }
        return mel;
    }
}
