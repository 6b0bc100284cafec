// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.score.LikelihoodScore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flowvox score}: exact log-likelihood of audio given its own mel. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Print the exact log-likelihood of each audio file (" + AudioInput.FORMATS + ") given its "
                + "mel (nats/sample; higher is more typical of the model's training audio, but silence and smooth "
                + "signals score high too). A file that cannot be scored is reported and the rest are still scored; "
                + "exit status 1 then.")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Parameters(arity = "1..*", paramLabel = "AUDIO", description = "audio files, or directories to search (with "
            + "their subdirectories) for audio files")
    List<Path> inputs;

    @Option(names = "--segments", paramLabel = "SECONDS",
            description = "also print the score of consecutive segments of this length")
    Double segmentSeconds;

    @Override
    public Integer call() throws Exception {
        if (segmentSeconds != null && !(segmentSeconds > 0)) {
            throw new IllegalArgumentException("--segments " + segmentSeconds + "; expected a positive length in seconds");
        }
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            int rate = model.info().sampleRate();
            MelSpectrogram mel = new MelSpectrogram(model.info().mel());
            int failed = 0;
            List<Path> files = AudioSources.expand(inputs);
            for (Path input : files) {
                LikelihoodScore score;
                try {
                    float[] samples = AudioInput.load(input, rate, spec).clip().samples();
                    score = model.scorer().score(samples, mel.compute(samples));
                } catch (IOException | IllegalArgumentException e) {
                    spec.commandLine().getErr().println("flowvox score: " + input + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                spec.commandLine().getOut().printf("%s\t%.4f nats/sample\t(%.1f nats over %d samples)%n", input, score.natsPerSample(),
                        score.totalNats(), score.samples());
                if (segmentSeconds != null) {
                    for (LikelihoodScore.Segment segment : score.segments((int) Math.round(segmentSeconds * rate))) {
                        spec.commandLine().getOut().printf("  %7.2f-%7.2f s\t%.4f nats/sample%n", segment.startSeconds(),
                                segment.endSeconds(), segment.natsPerSample());
                    }
                }
            }
            if (failed > 0) {
                spec.commandLine().getErr().println("flowvox score: " + failed + " of " + files.size()
                        + " files could not be scored");
                return 1;
            }
        }
        return 0;
    }
}
