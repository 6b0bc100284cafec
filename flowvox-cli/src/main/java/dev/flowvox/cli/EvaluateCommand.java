// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.quality.CopySynthesisReport;
import dev.flowvox.core.train.Corpus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code flowvox evaluate}: copy-synthesis quality of a model against Griffin-Lim. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Copy synthesis (audio -> mel -> flow) of validation clips against a Griffin-Lim baseline "
                + "(60 iterations): log-spectral distance, mel L1, F0 and voicing errors, spectrogram pictures.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--valid", defaultValue = "data/corpus/valid.tsv", description = "clips (default: ${DEFAULT-VALUE})")
    Path manifest;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report goes")
    Path out;

    @Option(names = "--sigma", description = "flow latent scale (default: the model's recommended sigma)")
    Double sigma;

    @Mixin
    RefinementOption refinement;

    @Option(names = "--denoise", defaultValue = "0", description = "flow denoiser strength (default: off)")
    double denoise;

    @Option(names = "--pictures", defaultValue = "3", description = "clips to draw (default: ${DEFAULT-VALUE})")
    int pictures;

    @Option(names = "--max-clips", defaultValue = "1000000", description = "evaluate at most this many clips")
    int maxClips;

    @Option(names = "--audio", description = "also write the resynthesized audio of the drawn clips")
    boolean writeAudio;

    @Override
    public Integer call() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            Corpus corpus = CorpusSample.first(manifest, model.info().sampleRate(), maxClips);
            CopySynthesisReport report = CopySynthesisRun.run(model, corpus, model.synthesisDefaults().sigmaOr(sigma),
                    refinement.resolve(model.synthesisDefaults()), denoise, pictures, writeAudio, out);
            spec.commandLine().getOut().print(report.markdown());
            spec.commandLine().getOut().println("wrote " + out.resolve("copy-synthesis.md"));
        }
        return 0;
    }
}
