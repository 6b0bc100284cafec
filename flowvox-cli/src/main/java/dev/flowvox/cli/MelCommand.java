// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.client.audio.AudioFiles;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.npy.NpyArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code flowvox mel}: NVIDIA-compatible log-mel spectrogram of an audio file. */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = "Write the NVIDIA Tacotron2/WaveGlow log-mel of an audio file (" + AudioInput.FORMATS + ") as "
                + "float32 [80, frames] .npy (22050 Hz, filter 1024, hop 256, 0-8000 Hz; other rates are resampled, "
                + "stereo is averaged).")
final class MelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AUDIO", description = "input audio")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.npy", description = "output mel spectrogram")
    Path output;

    @Override
    public Integer call() throws Exception {
        OutputFile.require(output, "OUT.npy");
        MelConfig config = MelConfig.nvidia22050();
        AudioFiles.Loaded audio = AudioInput.load(input, config.sampleRate(), spec);
        float[][] mel = new MelSpectrogram(config).compute(audio.clip().samples());
        NpyArray.ofMatrix(mel).write(output);
        spec.commandLine().getOut().printf("wrote %s: %d mel bands x %d frames (%.2f s)%n", output, mel.length, mel[0].length,
                audio.clip().durationSeconds());
        return 0;
    }
}
