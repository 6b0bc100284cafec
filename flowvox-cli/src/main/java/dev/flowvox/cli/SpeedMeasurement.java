// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.synth.Synthesizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Times one-pass synthesis of speech-like mels: median of several runs after a warm-up. */
final class SpeedMeasurement {

    /**
     * One utterance length's result.
     *
     * @param audioSeconds audio synthesized per run
     * @param medianMillis median wall time of a run
     */
    record Row(double audioSeconds, double medianMillis) {

        double realTimeFactor() {
            return audioSeconds * 1000 / medianMillis;
        }
    }

    private SpeedMeasurement() {
    }

    static List<Row> measure(Synthesizer synthesizer, ModelInfo info, List<Double> lengths, int runs, double warmupSeconds) {
        int rate = info.sampleRate();
        int hop = info.mel().hopLength();
        List<Row> rows = new ArrayList<>();
        for (double seconds : lengths) {
            int frames = (int) Math.round(seconds * rate / hop);
            float[][] mel = SyntheticSpeech.mel(info.flow().nMelChannels(), frames);
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < end) {
                synthesizer.synthesize(mel, 0.7, 1);
            }
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                synthesizer.synthesize(mel, 0.7, i);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            rows.add(new Row((double) frames * hop / rate, times[runs / 2]));
        }
        return rows;
    }

    static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder("| utterance (s) | median synthesis time (ms) | x real time |\n|---|---|---|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %.2f | %.1f | %.1f |%n", row.audioSeconds(), row.medianMillis(),
                    row.realTimeFactor()));
        }
        return md.toString();
    }

    static String machine() throws IOException {
        String cpu = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        return String.format(Locale.ROOT, "%s, %d cores, Java %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }
}
