// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import ai.djl.ndarray.NDManager;

import dev.flowvox.client.audio.AudioFiles;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.audio.WavEncoding;
import dev.flowvox.core.audio.WavWriter;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.npy.NpyArray;
import dev.flowvox.core.synth.BiasDenoiser;
import dev.flowvox.core.synth.MelArrays;
import dev.flowvox.core.synth.Synthesizer;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code flowvox vocode}: mel (or the mel of an audio file) to audio. */
@Command(name = "vocode", mixinStandardHelpOptions = true,
        description = "Synthesize audio from a mel spectrogram (.npy, float32 [n_mel, frames]) or from the mel of an "
                + "audio file (copy synthesis; " + AudioInput.FORMATS + ").")
final class VocodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--mel", paramLabel = "IN.npy", description = "mel spectrogram in NVIDIA's convention")
        Path mel;

        @Parameters(paramLabel = "AUDIO", description = "audio file to analyse and resynthesize")
        Path audio;
    }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "output audio")
    Path output;

    @Option(names = "--sigma", description = "latent scale (default: the model's recommended sigma, see `flowvox "
            + "info`)")
    Double sigma;

    @Mixin
    RefinementOption refinement;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--denoise", defaultValue = "0", paramLabel = "STRENGTH",
            description = "NVIDIA's bias-spectrum denoiser strength, e.g. 0.01-0.1 (default: off)")
    double denoise;

    @Option(names = "--float", description = "write 32-bit float WAV instead of 16-bit PCM")
    boolean floatOutput;

    @Override
    public Integer call() throws Exception {
        if (sigma != null && !(sigma >= 0) || !(denoise >= 0)) {
            throw new IllegalArgumentException("--sigma and --denoise must be >= 0, got " + sigma + " and " + denoise);
        }
        OutputFile.require(output, "-o");
        try (NDManager manager = NDManager.newBaseManager();
                VocoderModel model = ModelBundle.load(modelOption.resolve(), manager)) {
            ModelInfo info = model.info();
            double latentScale = model.synthesisDefaults().sigmaOr(sigma);
            float[][] mel = readMel(info);
            Synthesizer synthesizer = refinement.synthesizer(model);
            long start = System.nanoTime();
            float[] audio = synthesizer.synthesize(mel, latentScale, seed);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (denoise > 0) {
                audio = BiasDenoiser.of(synthesizer, info.flow(), info.mel()).denoise(audio, denoise);
            }
            WavWriter.write(new AudioClip(audio, info.sampleRate()), floatOutput ? WavEncoding.FLOAT_32 : WavEncoding.PCM_16,
                    output);
            double duration = (double) audio.length / info.sampleRate();
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %.2f s of audio in %.2f s (%.1fx real time)%n", output, duration,
                    seconds, duration / seconds);
        }
        return 0;
    }

    private float[][] readMel(ModelInfo info) throws IOException {
        if (input.mel != null) {
            float[][] mel = MelArrays.fromNpy(NpyArray.read(input.mel));
            MelArrays.requireWithinConvention(mel, info.mel());
            return mel;
        }
        AudioFiles.Loaded audio = AudioInput.load(input.audio, info.sampleRate(), spec);
        return new MelSpectrogram(info.mel()).compute(audio.clip().samples());
    }
}
