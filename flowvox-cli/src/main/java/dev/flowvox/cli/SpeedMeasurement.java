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

/**
 * Times one-pass synthesis of speech-like mels: each length warmed up, then timed runs taken in
 * rounds over all lengths (so a burst of load from a neighbour on a shared host falls on every
 * length alike), reported as the median and the fastest run.
 */
final class SpeedMeasurement {

    /**
     * One utterance length's result.
     *
     * @param audioSeconds audio synthesized per run
     * @param medianMillis median wall time of a run
     * @param fastestMillis wall time of the fastest run: what the machine does when nothing else
     *     competes for its cores
     */
    record Row(double audioSeconds, double medianMillis, double fastestMillis) {

        double realTimeFactor() {
            return audioSeconds * 1000 / medianMillis;
        }

        double fastestRealTimeFactor() {
            return audioSeconds * 1000 / fastestMillis;
        }
    }

    private SpeedMeasurement() {
    }

    static List<Row> measure(Synthesizer synthesizer, ModelInfo info, List<Double> lengths, int runs, double warmupSeconds) {
        int rate = info.sampleRate();
        int hop = info.mel().hopLength();
        List<float[][]> mels = new ArrayList<>();
        for (double seconds : lengths) {
            float[][] mel = SyntheticSpeech.mel(info.flow().nMelChannels(), (int) Math.round(seconds * rate / hop));
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < end) {
                synthesizer.synthesize(mel, 0.7, 1);
            }
            mels.add(mel);
        }
        double[][] times = new double[mels.size()][runs];
        for (int i = 0; i < runs; i++) {
            for (int length = 0; length < mels.size(); length++) {
                long start = System.nanoTime();
                synthesizer.synthesize(mels.get(length), 0.7, i);
                times[length][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int length = 0; length < mels.size(); length++) {
            double[] sorted = times[length].clone();
            Arrays.sort(sorted);
            rows.add(new Row((double) mels.get(length)[0].length * hop / rate, sorted[runs / 2], sorted[0]));
        }
        return rows;
    }

    static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder("| utterance (s) | median synthesis time (ms) | x real time | fastest run (ms) "
                + "| x real time, fastest |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %.2f | %.1f | %.1f | %.1f | %.1f |%n", row.audioSeconds(),
                    row.medianMillis(), row.realTimeFactor(), row.fastestMillis(), row.fastestRealTimeFactor()));
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
