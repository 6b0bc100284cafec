package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.quality.CopySynthesis;
import dev.flowvox.core.quality.CopySynthesisReport;
import dev.flowvox.core.synth.BiasDenoiser;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

    @Option(names = "--sigma", defaultValue = "0.7", description = "flow latent scale (default: ${DEFAULT-VALUE})")
    double sigma;

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
            ModelInfo info = model.info();
            Corpus corpus = Corpus.load(manifest, info.sampleRate());
            Synthesizer synthesizer = model.synthesizer();
            SpectralDenoiser denoiser = denoise > 0 ? BiasDenoiser.of(synthesizer, info.mel()) : null;
            CopySynthesis copy = new CopySynthesis(synthesizer, info.mel(), sigma, denoiser, denoise);
            String label = String.format(Locale.ROOT, "flow (σ %.2f%s)", sigma,
                    denoise > 0 ? String.format(Locale.ROOT, ", denoise %.3f", denoise) : "");
            CopySynthesisReport report = new CopySynthesisReport(label);
            Files.createDirectories(out);
            int clips = Math.min(maxClips, corpus.clips().size());
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("evaluate").setInitialMax(clips)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" clips", 1).build()) {
                for (int i = 0; i < clips; i++) {
                    AudioClip clip = corpus.clips().get(i);
                    String name = Path.of(corpus.names().get(i)).getFileName().toString().replace(".wav", "");
                    CopySynthesis.Result result = copy.run(clip.samples(), i);
                    report.add(name, clip.durationSeconds(), result);
                    if (i < pictures) {
                        report.writePicture(out.resolve("spectrograms-" + (i + 1) + ".png"), name, info.mel(),
                                clip.samples(), result);
                        if (writeAudio) {
                            write(out.resolve(name + "-original.wav"), clip.samples(), info.sampleRate());
                            write(out.resolve(name + "-flow.wav"), result.flowAudio(), info.sampleRate());
                            write(out.resolve(name + "-griffin-lim.wav"), result.griffinLimAudio(), info.sampleRate());
                        }
                    }
                    bar.step();
                }
            }
            report.write(out);
            spec.commandLine().getOut().print(report.markdown());
            spec.commandLine().getOut().println("wrote " + out.resolve("copy-synthesis.md"));
        }
        return 0;
    }

    private static void write(Path path, float[] audio, int rate) throws IOException {
        WavWriter.write(new AudioClip(audio, rate), WavEncoding.PCM_16, path);
    }
}
