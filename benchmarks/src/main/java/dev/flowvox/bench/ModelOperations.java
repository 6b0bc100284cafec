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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/**
 * Synthesis and scoring of {@code seconds} of speech-like input with one model, one stream,
 * libtorch's default 2 intra-op threads. Subclasses name the model and how it is timed.
 */
@State(Scope.Benchmark)
public abstract class ModelOperations {

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

    /** The model, as named in {@link BenchmarkModels}. */
    protected abstract String modelName();

    /**
     * Loads the model and prepares the inputs.
     *
     * @throws IOException if a bundle cannot be read
     */
    @Setup
    public void load() throws IOException {
        manager = NDManager.newBaseManager();
        model = BenchmarkModels.load(modelName(), manager);
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
