// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns JMH's JSON results into the markdown table of {@code benchmarks/README.md}: time per
 * operation, samples per second, multiples of real time, and the ratio to the original PyTorch
 * WaveGlow where DESIGN.md gives a reference (256-channel synthesis: 6.0 kHz on 2 cores).
 */
public final class JmhReport {

    /** Audio rate of every benchmark (Hz). */
    private static final int RATE = 22050;
    /** NVIDIA's PyTorch WaveGlow, 256 channels, synthesis on the same 2 cores (DESIGN.md), samples/s. */
    private static final double PYTORCH_WAVEGLOW_256_SYNTHESIS = 6000;

    private JmhReport() {
    }

    /**
     * Prints the table.
     *
     * @param args JMH result files ({@code -rf json -rff FILE}), in the order their rows appear
     * @throws IOException if one cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JmhReport JMH_RESULTS.json...");
            System.exit(2);
        }
        JsonArray results = new JsonArray();
        for (String file : args) {
            results.addAll(JsonParser.parseString(Files.readString(Path.of(file), StandardCharsets.UTF_8)).getAsJsonArray());
        }
        StringBuilder md = new StringBuilder("| benchmark | audio (s) | time per op (ms) | samples/s | x real time | "
                + "vs PyTorch WaveGlow |\n|---|---|---|---|---|---|\n");
        for (JsonElement element : results) {
            JsonObject result = element.getAsJsonObject();
            String name = result.get("benchmark").getAsString().replace("dev.flowvox.bench.", "");
            int seconds = result.getAsJsonObject("params").get("seconds").getAsInt();
            JsonObject metric = result.getAsJsonObject("primaryMetric");
            double millis = metric.get("score").getAsDouble();
            double error = metric.get("scoreError").isJsonPrimitive() ? metric.get("scoreError").getAsDouble() : Double.NaN;
            double samplesPerSecond = seconds * (double) RATE / (millis / 1000);
            String reference = name.equals("WaveGlowBenchmark.synthesize")
                    ? String.format(Locale.ROOT, "%.2fx (PyTorch %.1f kHz)", samplesPerSecond / PYTORCH_WAVEGLOW_256_SYNTHESIS,
                            PYTORCH_WAVEGLOW_256_SYNTHESIS / 1000)
                    : "–";
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f%s | %.0f | %.2f | %s |%n", name, seconds, millis,
                    Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %.1f", error), samplesPerSecond,
                    samplesPerSecond / RATE, reference));
        }
        System.out.print(md);
    }
}
