// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowOutput;
import dev.flowvox.core.flow.FlowWindows;
import dev.flowvox.core.flow.InferenceThreads;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.synth.MelArrays;

import java.util.Arrays;

/**
 * Runs the flow in the analysis direction to get the exact log-likelihood of audio given its mel.
 * Thread-safe: every call works in its own native scope.
 */
public final class LikelihoodScorer {

    private final WaveGlow flow;
    private final PitchPredictor pitchPredictor;
    private final NDManager manager;
    private final double sigma;
    private final int sampleRate;

    /**
     * Scores with a flow without pitch prediction whose inference weights stay owned by the caller.
     *
     * @param flow flow with folded weights
     * @param manager manager under which each call opens its scope
     * @param sigma standard deviation of the latent prior the model was trained with (WaveGlow: 1.0)
     * @param sampleRate audio rate of the model (Hz)
     * @throws IllegalArgumentException if the flow's configuration has pitch prediction
     */
    public LikelihoodScorer(WaveGlow flow, NDManager manager, double sigma, int sampleRate) {
        this(flow, PitchPredictor.none(), manager, sigma, sampleRate);
    }

    /**
     * Scores with a flow whose inference weights stay owned by the caller.
     *
     * @param flow flow with folded weights
     * @param pitchPredictor the predictor of the flow's configuration
     * @param manager manager under which each call opens its scope
     * @param sigma standard deviation of the latent prior the model was trained with (WaveGlow: 1.0)
     * @param sampleRate audio rate of the model (Hz)
     * @throws IllegalArgumentException if the predictor is on but the flow has none, or the reverse
     */
    public LikelihoodScorer(WaveGlow flow, PitchPredictor pitchPredictor, NDManager manager, double sigma,
            int sampleRate) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        pitchPredictor.requireMatches(flow.config());
        this.flow = flow;
        this.pitchPredictor = pitchPredictor;
        this.manager = manager;
        this.sigma = sigma;
        this.sampleRate = sampleRate;
    }

    /**
     * Scores audio against its mel. Audio longer than {@value FlowWindows#WINDOW_SAMPLES} samples is
     * scored in {@link FlowWindows}, which keeps native memory that of a window and gives the single
     * pass's result.
     *
     * @param audio samples in [-1, 1] at the model's rate; a tail shorter than one group is not scored
     * @param mel its log-mel {@code [n_mel][frames]} with at least {@code samples / hop} frames (the
     *     mel convention gives {@code 1 + samples / hop})
     * @return the log-likelihood, total and per group, with the latent's energy per group
     * @throws IllegalArgumentException for audio shorter than one group, non-finite samples or a mel
     *     that does not cover the audio
     */
    public LikelihoodScore score(float[] audio, float[][] mel) {
        return score(audio, mel, FlowWindows.of(flow.config()));
    }

    /**
     * {@link #score(float[], float[][])} in the given windows; with {@link
     * FlowWindows#contextGroups(FlowConfig)} of context the result is the single pass's.
     *
     * @param audio samples in [-1, 1] at the model's rate
     * @param mel its log-mel
     * @param windows how to cut the work
     * @return the log-likelihood, total and per group, with the latent's energy per group
     */
    public LikelihoodScore score(float[] audio, float[][] mel, FlowWindows windows) {
        InferenceThreads.disableGradients();
        FlowConfig config = flow.config();
        int nGroup = config.nGroup();
        int groups = audio.length / nGroup;
        if (groups == 0) {
            throw new IllegalArgumentException("audio has " + audio.length + " samples; scoring needs at least n_group = "
                    + nGroup);
        }
        for (int i = 0; i < audio.length; i++) {
            if (!Float.isFinite(audio[i])) {
                throw new IllegalArgumentException("audio sample " + i + " is " + audio[i] + "; expected a finite value");
            }
        }
        MelArrays.frames(mel);
        PitchTrack pitch = pitchPredictor.track(mel);
        float[] residual = pitchPredictor.residual(audio, pitch);
        double[] groupNats = new double[groups];
        double[] groupLatentEnergy = new double[groups];
        for (FlowWindows.Window window : windows.over(groups)) {
            try (NDManager call = manager.newSubManager()) {
                NDArray melArray = MelArrays.toBatch(call, FlowWindows.melOf(mel, window, config, groups),
                        config.nMelChannels());
                NDArray audioArray = call.create(Arrays.copyOfRange(residual, window.from() * nGroup, window.to() * nGroup),
                        new Shape(1, (long) window.runGroups() * nGroup));
                FlowOutput out = flow.forward(audioArray, melArray);
                float[] perGroup = out.logDensityPerGroup(sigma).toFloatArray();
                float[] energyPerGroup = out.latentEnergyPerGroup(sigma).toFloatArray();
                for (int g = 0; g < window.keptGroups(); g++) {
                    groupNats[window.start() + g] = perGroup[window.skip() + g];
                    groupLatentEnergy[window.start() + g] = energyPerGroup[window.skip() + g];
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            groupNats[g] += pitchPredictor.logDeterminant(pitch, (long) g * nGroup, (long) (g + 1) * nGroup);
        }
        return new LikelihoodScore(groupNats, groupLatentEnergy, nGroup, sampleRate, audio.length - groups * nGroup);
    }
}
