// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.Provenance;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.synth.StreamingSession;
import dev.flowvox.core.synth.Chunking;
import dev.flowvox.core.synth.StreamingSynthesizer;
import dev.flowvox.core.synth.Synthesizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures streamed-vs-one-pass SNR and time to first audio for chunk/context settings (the numbers in
 * the server README). Not a test: run it by hand, see the README for the command. Arguments: {@code
 * compact|waveglow|BUNDLE}, {@code seconds}, then optional comma-separated chunk and context sizes
 * (frames); a model name uses random weights ({@code Initialization(seed 1, scale 1.0)}) and a smooth
 * random mel, a bundle the mel of {@code examples/hello.wav} (speech, so a pitch predictor is active),
 * repeated to {@code seconds}. Each setting runs twice and the second (warm) run is reported.
 */
public final class StreamingMeasurement {

    private static final double SIGMA = 0.7;
    private static final long SEED = 42;

    private StreamingMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "compact";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int[] chunks = args.length > 2 ? parse(args[2]) : new int[] {16, 32};
        int[] contexts = args.length > 3 ? parse(args[3]) : new int[] {0, 2, 4, 8, 16, 32};
        try (NDManager manager = NDManager.newBaseManager(); VocoderModel model = open(which, manager)) {
            Synthesizer synthesizer = model.synthesizer();
            int frames = (int) Math.round(seconds * model.info().sampleRate() / model.info().flow().hopLength());
            float[][] mel = isPreset(which) ? TestModels.mel(frames, SEED) : speechMel(model.info().mel(), frames);
            synthesizer.synthesize(TestModels.mel(64, 1), SIGMA, 1);
            long start = System.nanoTime();
            float[] reference = synthesizer.synthesize(mel, SIGMA, SEED);
            double onePass = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "model %s, %d frames (%.2f s), one pass %.3f s (%.2fx real time)%n", which,
                    frames, reference.length / (double) model.info().sampleRate(), onePass,
                    reference.length / (double) model.info().sampleRate() / onePass);
            System.out.println("| chunk frames | context frames | SNR vs one-pass (dB) | time to first audio (ms) | "
                    + "streamed wall time (s) |");
            System.out.println("|---|---|---|---|---|");
            for (int chunk : chunks) {
                for (int context : contexts) {
                    measure(synthesizer, mel, reference, chunk, context);
                }
            }
        }
    }

    private static boolean isPreset(String which) {
        return which.equals("compact") || which.equals("waveglow");
    }

    /** The mel of examples/hello.wav, repeated to {@code frames} frames. */
    private static float[][] speechMel(MelConfig config, int frames) throws IOException {
        float[] speech = ModelInput.load(Path.of("examples/hello.wav"), config.sampleRate()).clip().samples();
        float[][] once = new MelSpectrogram(config).compute(speech);
        float[][] mel = new float[once.length][frames];
        for (int band = 0; band < once.length; band++) {
            for (int t = 0; t < frames; t++) {
                mel[band][t] = once[band][t % once[band].length];
            }
        }
        return mel;
    }

    private static int[] parse(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static void measure(Synthesizer synthesizer, float[][] mel, float[] reference, int chunk, int context) {
        run(synthesizer, mel, reference, chunk, context, false);
        run(synthesizer, mel, reference, chunk, context, true);
    }

    private static void run(Synthesizer synthesizer, float[][] mel, float[] reference, int chunk, int context,
            boolean report) {
        StreamingSynthesizer streaming = new StreamingSynthesizer(synthesizer, Chunking.uniform(chunk, context));
        List<float[]> pieces = new ArrayList<>();
        long[] first = {0};
        long start = System.nanoTime();
        StreamingSession session = streaming.open(SIGMA, SEED);
        session.append(mel);
        session.finish();
        streaming.drain(session, piece -> {
            if (pieces.isEmpty()) {
                first[0] = System.nanoTime();
            }
            pieces.add(piece);
        });
        double wall = (System.nanoTime() - start) / 1e9;
        float[] streamed = new float[reference.length];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, streamed, at, piece.length);
            at += piece.length;
        }
        if (!report) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.3f |%n", chunk, context,
                TestModels.snrDb(reference, streamed), (first[0] - start) / 1e6, wall);
    }

    private static VocoderModel open(String which, NDManager manager) throws Exception {
        if (!isPreset(which)) {
            return ModelBundle.load(Path.of(which), manager);
        }
        FlowConfig config = which.equals("compact") ? FlowConfig.compact() : FlowConfig.publishedWaveGlow();
        FlowParameters parameters = FlowParameters.initialize(config, manager, new Initialization(1, 1.0));
        ModelInfo info = new ModelInfo(config, MelConfig.nvidia22050(), 1.0,
                Provenance.now("random " + which + " weights for streaming measurements", Map.of()));
        if (System.getProperty("flowvox.writeBundle") != null) {
            Path path = Path.of(System.getProperty("flowvox.writeBundle"));
            Files.createDirectories(path.toAbsolutePath().getParent());
            ModelBundle.save(path, info, parameters);
        }
        return new VocoderModel(info, parameters, manager);
    }
}
