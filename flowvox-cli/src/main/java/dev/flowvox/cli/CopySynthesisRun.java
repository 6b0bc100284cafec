// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.dsp.SpectralDenoiser;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Copy synthesis of a corpus against Griffin-Lim with a progress bar, written as a report. */
final class CopySynthesisRun {

    private CopySynthesisRun() {
    }

    /**
     * Runs and writes the report.
     *
     * @param model the flow
     * @param corpus clips at the model's rate
     * @param sigma flow latent scale
     * @param refinementPasses mel refinement passes after the flow
     * @param denoise denoiser strength (0 for none)
     * @param pictures clips to draw
     * @param writeAudio whether to write the drawn clips' audio
     * @param out output directory
     * @return the report
     * @throws IOException if writing fails
     */
    static CopySynthesisReport run(VocoderModel model, Corpus corpus, double sigma, int refinementPasses,
            double denoise, int pictures, boolean writeAudio, Path out) throws IOException {
        ModelInfo info = model.info();
        Synthesizer synthesizer = model.synthesizer().withRefinement(refinementPasses);
        SpectralDenoiser denoiser = denoise > 0 ? BiasDenoiser.of(synthesizer, info.flow(), info.mel()) : null;
        CopySynthesis copy = new CopySynthesis(synthesizer, info.mel(), sigma, denoiser, denoise);
        String label = String.format(Locale.ROOT, "flow (σ %.2f%s%s)", sigma,
                refinementPasses > 0 ? String.format(Locale.ROOT, ", %d refinement passes", refinementPasses) : "",
                denoise > 0 ? String.format(Locale.ROOT, ", denoise %.3f", denoise) : "");
        CopySynthesisReport report = new CopySynthesisReport(label);
        Files.createDirectories(out);
        int clips = corpus.clips().size();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("copy synthesis").setInitialMax(clips)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" clips", 1).build()) {
            for (int i = 0; i < clips; i++) {
                AudioClip clip = corpus.clips().get(i);
                String name = Path.of(corpus.names().get(i)).getFileName().toString().replace(".wav", "");
                CopySynthesis.Result result = copy.run(clip.samples(), i);
                report.add(name, clip.durationSeconds(), result);
                if (i < pictures) {
                    report.writePicture(out.resolve("spectrograms-" + (i + 1) + ".png"), name, info.mel(), clip.samples(),
                            result);
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
        return report;
    }

    private static void write(Path path, float[] audio, int rate) throws IOException {
        WavWriter.write(new AudioClip(audio, rate), WavEncoding.PCM_16, path);
    }
}
