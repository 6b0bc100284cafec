// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowOutput;
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

    /** Audio longer than this is scored in windows of this length, seconds. */
    static final double WINDOW_SECONDS = 120;
    /** Context on each side of a window, seconds, at least (more where {@link #contextGroups} says so). */
    static final double MIN_CONTEXT_SECONDS = 10;

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
     * Scores audio against its mel. Audio longer than {@value #WINDOW_SECONDS} s is scored in windows
     * of that length, each run with {@link #contextGroups} of the neighbouring audio on both sides, so
     * native memory stays that of a window (a single pass takes about 300 MB per minute of audio with
     * the shipped models) and the result is the single pass's.
     *
     * @param audio samples in [-1, 1] at the model's rate; a tail shorter than one group is not scored
     * @param mel its log-mel {@code [n_mel][frames]} with at least {@code samples / hop} frames (the
     *     mel convention gives {@code 1 + samples / hop})
     * @return the log-likelihood, total and per group, with the latent's energy per group
     * @throws IllegalArgumentException for audio shorter than one group, non-finite samples or a mel
     *     that does not cover the audio
     */
    public LikelihoodScore score(float[] audio, float[][] mel) {
        int nGroup = flow.config().nGroup();
        int window = (int) Math.ceil(WINDOW_SECONDS * sampleRate / nGroup);
        int context = Math.max(contextGroups(), (int) Math.ceil(MIN_CONTEXT_SECONDS * sampleRate / nGroup));
        return score(audio, mel, window, context);
    }

    /**
     * Groups of context on each side that make a window's groups exactly the single pass's: every
     * coupling network sees {@link dev.flowvox.core.flow.WaveNetConfig#receptiveFieldRadius} groups on
     * each side, and the flows stack them; the conditioning (up to four frames under NVIDIA's
     * upsampler), the lapped transform and the spectral envelope's interpolation add a few more.
     *
     * @return the radius, in groups
     */
    int contextGroups() {
        FlowConfig config = flow.config();
        int conditioningGroups = (int) Math.ceil(4.0 * config.hopLength() / config.nGroup());
        return config.nFlows() * config.waveNet().receptiveFieldRadius() + conditioningGroups + 2;
    }

    /**
     * {@link #score(float[], float[][])} with explicit windows.
     *
     * @param windowGroups groups scored per window, at least 1
     * @param contextGroups groups of context run on each side of a window
     */
    LikelihoodScore score(float[] audio, float[][] mel, int windowGroups, int contextGroups) {
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
        int frames = MelArrays.frames(mel);
        PitchTrack pitch = pitchPredictor.track(mel);
        float[] residual = pitchPredictor.residual(audio, pitch);
        int aligned = lcm(nGroup, config.hopLength()) / nGroup;
        double[] groupNats = new double[groups];
        double[] groupLatentEnergy = new double[groups];
        for (int start = 0; start < groups; start += windowGroups) {
            int end = Math.min(groups, start + windowGroups);
            int from = Math.max(0, start - contextGroups) / aligned * aligned;
            int to = Math.min(groups, end + contextGroups);
            int firstFrame = from * nGroup / config.hopLength();
            int lastFrame = to == groups ? frames : Math.min(frames, to * nGroup / config.hopLength() + 1);
            scoreWindow(Arrays.copyOfRange(residual, from * nGroup, to * nGroup), slice(mel, firstFrame, lastFrame),
                    start - from, end - start, groupNats, groupLatentEnergy, start);
        }
        for (int g = 0; g < groups; g++) {
            groupNats[g] += pitchPredictor.logDeterminant(pitch, (long) g * nGroup, (long) (g + 1) * nGroup);
        }
        return new LikelihoodScore(groupNats, groupLatentEnergy, nGroup, sampleRate, audio.length - groups * nGroup);
    }

    /** Runs the flow over one window and copies {@code count} groups from {@code skip} on into the totals at {@code at}. */
    private void scoreWindow(float[] residual, float[][] mel, int skip, int count, double[] groupNats,
            double[] groupLatentEnergy, int at) {
        try (NDManager call = manager.newSubManager()) {
            NDArray melArray = MelArrays.toBatch(call, mel, flow.config().nMelChannels());
            FlowOutput out = flow.forward(call.create(residual, new Shape(1, residual.length)), melArray);
            float[] perGroup = out.logDensityPerGroup(sigma).toFloatArray();
            float[] energyPerGroup = out.latentEnergyPerGroup(sigma).toFloatArray();
            for (int g = 0; g < count; g++) {
                groupNats[at + g] = perGroup[skip + g];
                groupLatentEnergy[at + g] = energyPerGroup[skip + g];
            }
        }
    }

    private static float[][] slice(float[][] mel, int from, int to) {
        float[][] out = new float[mel.length][];
        for (int band = 0; band < mel.length; band++) {
            out[band] = Arrays.copyOfRange(mel[band], from, to);
        }
        return out;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }
}
