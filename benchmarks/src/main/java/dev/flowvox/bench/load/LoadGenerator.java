// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import dev.flowvox.core.audio.ModelInput;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.plot.LinePlot;
import dev.flowvox.core.plot.Series;
import dev.flowvox.proto.codec.MelCodec;
import dev.flowvox.proto.v1.SynthesisOptions;
import dev.flowvox.proto.v1.SynthesizeRequest;

import io.grpc.ManagedChannel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end load: a real {@code flowvox serve} process on loopback, N concurrent streaming clients
 * per level for a fixed time, and a report (CSV, PNG plots, markdown).
 */
@Command(name = "load-generator", mixinStandardHelpOptions = true,
        description = "Stream synthesis requests from N concurrent clients against a flowvox server on loopback.")
public final class LoadGenerator implements Callable<Integer> {

    @Option(names = "--model", description = "bundle to serve (default: the shipped model)")
    Path model;

    @Option(names = "--streams", split = ",", defaultValue = "1,4,16,64", description = "levels (default: ${DEFAULT-VALUE})")
    List<Integer> levels;

    @Option(names = "--seconds", defaultValue = "30", description = "duration of each level (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--utterance", defaultValue = "examples/hello.wav", description = "audio whose mel is requested")
    Path utterance;

    @Option(names = "--out", defaultValue = "benchmarks/results/load", description = "report directory")
    Path out;

    @Option(names = "--refine", paramLabel = "PASSES",
            description = "mel refinement passes each request asks for (default: the model's recommendation)")
    Integer refinementPasses;

    @Option(names = "--server-arg", description = "extra flowvox serve flag (repeatable), e.g. --server-arg=--max-batch=16")
    List<String> serverArgs = new ArrayList<>();

    /**
     * Runs the load generator.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path bundle = model != null ? model : Path.of(System.getProperty("flowvox.home", "."), "models", "default",
                "model.flowvox");
        MelConfig mel = MelConfig.nvidia22050();
        float[][] melValues = new MelSpectrogram(mel).compute(ModelInput.load(utterance, mel.sampleRate()).clip().samples());
        SynthesisOptions.Builder options = SynthesisOptions.newBuilder().setSigma(0.7f).setSeed(1);
        if (refinementPasses != null) {
            options.setRefinementPasses(refinementPasses);
        }
        SynthesizeRequest request = SynthesizeRequest.newBuilder().setOptions(options)
                .setMel(MelCodec.encode(melValues)).build();
        List<LevelSummary> summaries = new ArrayList<>();
        List<String> requestRows = new ArrayList<>(List.of(RequestRecord.csvHeader()));
        try (ServerProcess server = ServerProcess.start(bundle, serverArgs, out.resolve("server.log"))) {
            ManagedChannel channel = LoadChannels.plaintext(server.port());
            try {
                new StreamWorker(channel, request, 1, System.nanoTime() + 3_000_000_000L, new ArrayList<>()).run();
                for (int streams : levels) {
                    List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
                    MemorySampler memory = new MemorySampler(server);
                    long start = System.nanoTime();
                    long end = start + (long) (seconds * 1e9);
                    ExecutorService clients = Executors.newFixedThreadPool(streams);
                    for (int i = 0; i < streams; i++) {
                        clients.execute(new StreamWorker(channel, request, streams, end, records));
                    }
                    clients.shutdown();
                    clients.awaitTermination((long) seconds + 300, TimeUnit.SECONDS);
                    double wall = (System.nanoTime() - start) / 1e9;
                    LevelSummary summary = LevelSummary.of(streams, records, wall, memory.stop());
                    summaries.add(summary);
                    records.forEach(r -> requestRows.add(r.csv()));
                    System.err.println(summary.markdownRow());
                }
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
        write(summaries, requestRows, melValues[0].length * mel.hopLength() / (double) mel.sampleRate());
        return 0;
    }

    private void write(List<LevelSummary> summaries, List<String> requestRows, double utteranceSeconds) throws Exception {
        Files.write(out.resolve("requests.csv"), requestRows, StandardCharsets.UTF_8);
        List<String> levelRows = new ArrayList<>(List.of(LevelSummary.csvHeader()));
        summaries.forEach(s -> levelRows.add(s.csv()));
        Files.write(out.resolve("levels.csv"), levelRows, StandardCharsets.UTF_8);
        double[] x = summaries.stream().mapToDouble(LevelSummary::streams).toArray();
        LinePlot.builder().setTitle("Time to first audio").setXLabel("concurrent streams").setYLabel("milliseconds")
                .optLogY(true)
                .addSeries(Series.of("p50", x, summaries.stream().mapToDouble(LevelSummary::firstAudioP50).toArray()))
                .addSeries(Series.of("p95", x, summaries.stream().mapToDouble(LevelSummary::firstAudioP95).toArray()))
                .addSeries(Series.of("p99", x, summaries.stream().mapToDouble(LevelSummary::firstAudioP99).toArray()))
                .build().writePng(out.resolve("first-audio.png"));
        LinePlot.builder().setTitle("Throughput").setXLabel("concurrent streams")
                .setYLabel("seconds of audio per second")
                .addSeries(Series.of("all streams together", x,
                        summaries.stream().mapToDouble(LevelSummary::aggregateAudioPerSecond).toArray()))
                .addSeries(Series.of("per stream (median real-time factor)", x,
                        summaries.stream().mapToDouble(LevelSummary::realTimeFactorP50).toArray()))
                .build().writePng(out.resolve("throughput.png"));
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Utterance %s (%.2f s of audio per request), %.0f s per level, sigma 0.7, %s, server flags %s.%n%n",
                utterance, utteranceSeconds, seconds,
                refinementPasses == null ? "the model's mel refinement passes"
                        : refinementPasses + " mel refinement passes",
                serverArgs.isEmpty() ? "(defaults)" : serverArgs));
        md.append("| streams | requests | first audio p50 (ms) | p95 (ms) | p99 (ms) | largest gap (ms) | "
                + "real-time factor per stream (p50) | audio s per s, all streams | errors | server peak RSS (MiB) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        summaries.forEach(s -> md.append(s.markdownRow()).append('\n'));
        md.append("\n![time to first audio](first-audio.png)\n\n![throughput](throughput.png)\n");
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }
}
