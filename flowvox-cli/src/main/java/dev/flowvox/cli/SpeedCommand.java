package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.synth.Synthesizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code flowvox speed}: single-stream synthesis speed in multiples of real time. */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = "Measure one-pass synthesis speed of a model (single stream, this machine): median of several "
                + "runs after a warm-up, as multiples of real time.")
final class SpeedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--seconds", split = ",", defaultValue = "1,4,10",
            description = "utterance lengths to time (default: ${DEFAULT-VALUE})")
    List<Double> lengths;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs per length (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per length (default: ${DEFAULT-VALUE})")
    double warmup;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            Synthesizer synthesizer = model.synthesizer();
            int rate = model.info().sampleRate();
            int hop = model.info().mel().hopLength();
            out.printf(Locale.ROOT, "machine: %s, %d cores, Java %s%n", cpuModel(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            out.println("| utterance (s) | median synthesis time (ms) | x real time |");
            out.println("|---|---|---|");
            for (double seconds : lengths) {
                int frames = (int) Math.round(seconds * rate / hop);
                float[][] mel = speechLikeMel(model.info().flow().nMelChannels(), frames);
                long end = System.nanoTime() + (long) (warmup * 1e9);
                while (System.nanoTime() < end) {
                    synthesizer.synthesize(mel, 0.7, 1);
                }
                double[] times = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    synthesizer.synthesize(mel, 0.7, i);
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(times);
                double median = times[runs / 2];
                double audio = (double) frames * hop / rate;
                out.printf(Locale.ROOT, "| %.2f | %.1f | %.1f |%n", audio, median * 1000, audio / median);
            }
        }
        return 0;
    }

    /** A mel with the range of real speech (log magnitudes between about -11 and 2), reproducible. */
    private static float[][] speechLikeMel(int bands, int frames) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] mel = new float[bands][frames];
        for (int band = 0; band < bands; band++) {
            for (int t = 0; t < frames; t++) {
                mel[band][t] = (float) (-6 + 2 * Math.sin(t / 7.0 + band / 11.0) - band * 0.03 + random.nextGaussian());
            }
        }
        return mel;
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
