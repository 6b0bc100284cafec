// SPDX-License-Identifier: GPL-3.0-or-later
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

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flowvox speed}: single-stream synthesis speed in multiples of real time. */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = "Measure one-pass synthesis speed of a model (single stream, this machine): after a warm-up, "
                + "runs in rounds over the lengths; the median and the fastest run, as multiples of real time (other "
                + "work on a shared host slows the median; the fastest run shows the machine undisturbed).")
final class SpeedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Mixin
    RefinementOption refinement;

    @Option(names = "--seconds", split = ",", defaultValue = "1,4,10",
            description = "utterance lengths to time (default: ${DEFAULT-VALUE})")
    List<Double> lengths;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs per length (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per length (default: ${DEFAULT-VALUE})")
    double warmup;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || !(warmup >= 0) || lengths.stream().anyMatch(seconds -> !(seconds > 0))) {
            throw new IllegalArgumentException("--runs " + runs + ", --warmup " + warmup + ", --seconds " + lengths
                    + "; expected at least one run, a warm-up of 0 s or more, and positive lengths");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            out.println("machine: " + SpeedMeasurement.machine());
            Synthesizer synthesizer = refinement.synthesizer(model);
            out.print(SpeedMeasurement.markdown(
                    SpeedMeasurement.measure(synthesizer, model.info(), lengths, runs, warmup)));
            out.flush();
        }
        return 0;
    }
}
