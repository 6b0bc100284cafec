// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.quality.CopySynthesis;
import dev.flowvox.core.quality.QualityMetrics;
import dev.flowvox.core.synth.Synthesizer;
import dev.flowvox.core.train.Corpus;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code flowvox choose-sigma}: measures copy synthesis at several latent scales and stores the one
 * with the lowest log-spectral distance in the bundle as the model's synthesis default, together
 * with the refinement passes it was measured with.
 */
@Command(name = "choose-sigma", mixinStandardHelpOptions = true,
        description = "Copy-synthesize speech clips (audio -> mel -> flow) at each candidate sigma with the same "
                + "seeds, print log-spectral distance, mel L1, F0 and voicing errors per sigma, and write the sigma "
                + "with the lowest log-spectral distance into the bundle (atomically) as the one synthesis uses when a "
                + "caller does not choose, with the mel refinement passes it was measured with.")
final class ChooseSigmaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--clips", defaultValue = "data/corpus/train.tsv", paramLabel = "MANIFEST",
            description = "speech to measure on; by default training clips, so that the validation clips the model "
                    + "card reports on play no part in the choice (default: ${DEFAULT-VALUE})")
    Path manifest;

    @Option(names = "--candidates", split = ",", defaultValue = "0.6,0.7,0.85,1.0", paramLabel = "SIGMA",
            description = "latent scales to compare (default: ${DEFAULT-VALUE})")
    List<Double> candidates;

    @Mixin
    RefinementOption refinement;

    @Option(names = "--voiced-gain", paramLabel = "GAIN",
            description = "the pitch predictor's gain on voiced frames in refined synthesis, in (0, 1), or 0 for the "
                    + "gain the flow was trained with; measured with and stored beside the sigma (default: the "
                    + "model's current recommendation)")
    Double voicedGain;

    @Option(names = "--max-clips", defaultValue = "40", description = "measure on at most this many clips, evenly "
            + "spaced (default: ${DEFAULT-VALUE})")
    int maxClips;

    @Override
    public Integer call() throws Exception {
        for (double sigma : candidates) {
            if (!(sigma > 0 && sigma <= SynthesisDefaults.MAX_SIGMA)) {
                throw new IllegalArgumentException("--candidates holds " + sigma + "; expected values in (0, "
                        + SynthesisDefaults.MAX_SIGMA + "]");
            }
        }
        Path bundle = modelOption.resolve();
        List<List<QualityMetrics>> measured = new ArrayList<>();
        Corpus corpus;
        int passes;
        double gain;
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(bundle, manager)) {
            corpus = CorpusSample.evenly(manifest, model.info().sampleRate(), maxClips);
            passes = refinement.resolve(model.synthesisDefaults());
            gain = voicedGain != null ? voicedGain : model.synthesisDefaults().voicedGain();
            Synthesizer synthesizer = model.synthesizer().withRefinement(passes).withVoicedGain(gain);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("choose-sigma")
                    .setInitialMax((long) candidates.size() * corpus.clips().size()).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" clips", 1).build()) {
                for (double sigma : candidates) {
                    CopySynthesis copy = new CopySynthesis(synthesizer, model.info().mel(), sigma, null, 0);
                    List<QualityMetrics> clips = new ArrayList<>();
                    for (int i = 0; i < corpus.clips().size(); i++) {
                        AudioClip clip = corpus.clips().get(i);
                        clips.add(copy.flowOnly(clip.samples(), i));
                        bar.step();
                    }
                    measured.add(clips);
                }
            }
        }
        int best = 0;
        for (int c = 1; c < candidates.size(); c++) {
            if (lsd(measured.get(c)) < lsd(measured.get(best))) {
                best = c;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("| σ | log-spectral distance (dB) | mel L1 | F0 error | voicing error |");
        out.println("|---|---|---|---|---|");
        StringJoiner distances = new StringJoiner(", ");
        for (int c = 0; c < candidates.size(); c++) {
            List<QualityMetrics> clips = measured.get(c);
            out.printf(Locale.ROOT, "| %s%.2f%s | %.3f | %.3f | %.4f | %.4f |%n", c == best ? "**" : "",
                    candidates.get(c), c == best ? "**" : "", lsd(clips),
                    QualityMetrics.mean(clips, QualityMetrics::melL1),
                    QualityMetrics.mean(clips, QualityMetrics::f0RelativeError),
                    QualityMetrics.mean(clips, QualityMetrics::voicingError));
            distances.add(String.format(Locale.ROOT, "%.2f: %.3f dB", candidates.get(c), lsd(clips)));
        }
        String withGain = gain > 0 ? String.format(Locale.ROOT, " and voiced gain %s", gain) : "";
        SynthesisDefaults chosen = new SynthesisDefaults(candidates.get(best), passes, gain, String.format(Locale.ROOT,
                "lowest mean log-spectral distance of copy synthesis of %d clips of %s with %d refinement passes%s "
                        + "(%s; flowvox choose-sigma, %s)",
                corpus.clips().size(), manifest, passes, withGain, distances, LocalDate.now(ZoneOffset.UTC)));
        chosen.write(bundle);
        out.printf(Locale.ROOT, "wrote sigma %.2f and %d refinement passes%s into %s%n", chosen.sigma(), passes,
                withGain, bundle);
        return 0;
    }

    private static double lsd(List<QualityMetrics> clips) {
        return QualityMetrics.mean(clips, QualityMetrics::logSpectralDistanceDb);
    }
}
