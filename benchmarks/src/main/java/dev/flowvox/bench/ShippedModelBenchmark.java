// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SyntheticSpeech;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.score.LikelihoodScore;
import dev.flowvox.core.score.LikelihoodScorer;
import dev.flowvox.core.synth.Synthesizer;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Synthesis of 1 s and 10 s and scoring of 10 s with the shipped model; one stream, libtorch's
 * default 2 intra-op threads. Time per operation; {@link JmhReport} turns it into samples per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false"})
public class ShippedModelBenchmark {

    /** Seconds of audio per operation. */
    @Param({"1", "10"})
    public int seconds;

    private NDManager manager;
    private VocoderModel model;
    private Synthesizer synthesizer;
    private LikelihoodScorer scorer;
    private float[][] mel;
    private float[] audio;
    private float[][] audioMel;

    /**
     * Loads the model and prepares the inputs.
     *
     * @throws IOException if the bundle cannot be read
     */
    @Setup
    public void load() throws IOException {
        manager = NDManager.newBaseManager();
        model = BenchmarkModels.load(BenchmarkModels.SHIPPED, manager);
        synthesizer = model.synthesizer();
        scorer = model.scorer();
        int rate = model.info().sampleRate();
        mel = SyntheticSpeech.mel(model.info().flow().nMelChannels(), seconds * rate / model.info().mel().hopLength());
        audio = SyntheticSpeech.audio(seconds * rate, rate);
        audioMel = new MelSpectrogram(model.info().mel()).compute(audio);
    }

    /** Frees the model. */
    @TearDown
    public void release() {
        model.close();
        manager.close();
    }

    /**
     * One-pass synthesis.
     *
     * @return the audio
     */
    @Benchmark
    public float[] synthesize() {
        return synthesizer.synthesize(mel, 0.7, 1);
    }

    /**
     * Exact likelihood of audio given its mel.
     *
     * @return the score
     */
    @Benchmark
    public LikelihoodScore score() {
        return scorer.score(audio, audioMel);
    }
}
