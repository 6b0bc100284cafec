// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SyntheticSpeech;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** NVIDIA-compatible log-mel extraction (pure Java, one thread). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MelBenchmark {

    /** Seconds of audio per operation. */
    @Param({"10"})
    public int seconds;

    private MelSpectrogram mel;
    private float[] audio;

    /** Prepares the analysis and the audio. */
    @Setup
    public void prepare() {
        MelConfig config = MelConfig.nvidia22050();
        mel = new MelSpectrogram(config);
        audio = SyntheticSpeech.audio(seconds * config.sampleRate(), config.sampleRate());
    }

    /**
     * Log-mel of the audio.
     *
     * @return {@code [80][frames]}
     */
    @Benchmark
    public float[][] melSpectrogram() {
        return mel.compute(audio);
    }
}
