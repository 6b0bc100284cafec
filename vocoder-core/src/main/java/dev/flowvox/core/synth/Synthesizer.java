// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowWindows;
import dev.flowvox.core.flow.InferenceThreads;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.WaveGlow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-pass synthesis: mel spectrogram plus latent noise to audio, through the flow, its pitch
 * predictor and the {@link MelRefinement}. Thread-safe: every call works in its own native scope.
 */
public final class Synthesizer {

    private final NDManager manager;
    private final WaveGlow flow;
    private final PitchPredictor pitchPredictor;
    private final MelRefinement refinement;

    /**
     * Synthesizes with a flow whose inference weights stay owned by the caller.
     *
     * @param flow flow with folded weights
     * @param pitchPredictor the predictor of the flow's configuration
     * @param refinement passes after the predictor (possibly none), for the model's mel settings
     * @param manager manager under which each call opens its scope
     * @throws IllegalArgumentException if the predictor is on but the flow has none, or the reverse
     */
    public Synthesizer(WaveGlow flow, PitchPredictor pitchPredictor, MelRefinement refinement, NDManager manager) {
        pitchPredictor.requireMatches(flow.config());
        this.manager = manager;
        this.flow = flow;
        this.pitchPredictor = pitchPredictor;
        this.refinement = refinement;
    }

    /**
     * The same model with another number of refinement passes.
     *
     * @param passes 0 (off) to {@value MelRefinement#MAX_PASSES}
     * @return a synthesizer sharing this one's flow
     */
    public Synthesizer withRefinement(int passes) {
        return passes == refinement.passes() ? this
                : new Synthesizer(flow, pitchPredictor, refinement.withPasses(passes), manager);
    }

    /**
     * The same model with another voiced gain in refined synthesis ({@link
     * MelRefinement#predictorSynthesis}).
     *
     * @param gain in (0, 1), or 0 for the pitch predictor's own
     * @return a synthesizer sharing this one's flow
     */
    public Synthesizer withVoicedGain(double gain) {
        return gain == refinement.voicedGain() ? this
                : new Synthesizer(flow, pitchPredictor, refinement.withVoicedGain(gain), manager);
    }

    /**
     * Opens the streamed synthesis of one request ({@link StreamingSession}) through this model's
     * pitch predictor and refinement.
     *
     * @param chunking chunk sizes and context
     * @param sigma latent scale
     * @param seed noise seed
     * @return the session
     */
    public StreamingSession openStream(Chunking chunking, double sigma, long seed) {
        FlowConfig config = flow.config();
        return new StreamingSession(config.nMelChannels(), config.hopLength(), config.nGroup(), chunking, sigma, seed,
                pitchPredictor, refinement);
    }

    /** The flow shape. */
    public FlowConfig config() {
        return flow.config();
    }

    /** The pitch predictor that turns {@link #synthesizeBatch} output into audio (streaming, batching). */
    public PitchPredictor pitchPredictor() {
        return pitchPredictor;
    }

    /** The passes after the pitch predictor (streaming applies them in {@link StreamingSession#keep}). */
    public MelRefinement refinement() {
        return refinement;
    }

    /** The flow, for callers that manage their own native scopes (streaming, batching). */
    public WaveGlow flow() {
        return flow;
    }

    /**
     * Samples produced for a mel of {@code frames} frames ({@code frames · hop}, NVIDIA's convention).
     *
     * @param frames mel frames
     * @return samples
     */
    public long samplesFor(int frames) {
        return (long) frames * flow.config().hopLength();
    }

    /**
     * Synthesizes with the seeded latent of {@link LatentNoise}.
     *
     * @param mel log-mel {@code [n_mel][frames]}
     * @param sigma latent scale (0.6–1.0 is usual)
     * @param seed noise seed
     * @return audio, {@code frames · hop} samples
     */
    public float[] synthesize(float[][] mel, double sigma, long seed) {
        int groups = groupsFor(mel);
        return synthesize(mel, new LatentNoise(seed, flow.config().nGroup()).draw(0, groups), sigma);
    }

    /**
     * Synthesizes from an explicit latent.
     *
     * @param mel log-mel {@code [n_mel][frames]}
     * @param z standard-normal latent {@code [n_group][groups]} flattened channel-major, NVIDIA's channel
     *     order (early outputs first)
     * @param sigma latent scale
     * @return audio, {@code groups · n_group} samples
     */
    public float[] synthesize(float[][] mel, float[] z, double sigma) {
        return synthesize(mel, z, sigma, FlowWindows.of(flow.config()));
    }

    /**
     * {@link #synthesize(float[][], float[], double)} in the given windows: one pass for a mel that
     * fits one, otherwise a pass per window with its context, which keeps native memory that of a
     * window and, with {@link FlowWindows#contextGroups(FlowConfig)} of context, gives the single
     * pass's audio.
     *
     * @param mel log-mel {@code [n_mel][frames]}
     * @param z standard-normal latent, as for {@link #synthesize(float[][], float[], double)}
     * @param sigma latent scale
     * @param windows how to cut the work
     * @return audio, {@code groups · n_group} samples
     */
    public float[] synthesize(float[][] mel, float[] z, double sigma, FlowWindows windows) {
        InferenceThreads.disableGradients();
        FlowConfig config = flow.config();
        int groups = groupsFor(mel);
        int nGroup = config.nGroup();
        if (z.length != groups * nGroup) {
            throw new IllegalArgumentException("latent has " + z.length + " values, expected n_group " + nGroup
                    + " x " + groups + " groups");
        }
        float[] residual = new float[groups * nGroup];
        for (FlowWindows.Window window : windows.over(groups)) {
            float[] latent = new float[nGroup * window.runGroups()];
            for (int channel = 0; channel < nGroup; channel++) {
                System.arraycopy(z, channel * groups + window.from(), latent, channel * window.runGroups(),
                        window.runGroups());
            }
            try (NDManager call = manager.newSubManager()) {
                NDArray melArray = MelArrays.toBatch(call, FlowWindows.melOf(mel, window, config, groups),
                        config.nMelChannels());
                float[] part = flow.inverse(melArray, call.create(latent, new Shape(1, nGroup, window.runGroups())), sigma)
                        .toFloatArray();
                System.arraycopy(part, window.skip() * nGroup, residual, window.start() * nGroup,
                        window.keptGroups() * nGroup);
            }
        }
        if (!pitchPredictor.enabled() && !refinement.enabled()) {
            return residual;
        }
        float[][] magnitude = refinement.targets(mel);
        float[] audio = residual;
        if (pitchPredictor.enabled()) {
            PitchTrack track = refinement.trackToSynthesize(pitchPredictor.trackMagnitudes(magnitude));
            audio = refinement.predictorSynthesis(pitchPredictor).next(residual, track);
        }
        return refinement.enabled() ? refinement.refine(audio, magnitude) : audio;
    }

    /**
     * Synthesizes several windows of equal length in one batched pass, up to the pitch predictor: the
     * stream's {@link StreamingSession#keep} applies it, with the state it carries between windows.
     *
     * @param tasks windows with the same number of frames; their latents are already scaled
     * @return the flow's output (the pitch predictor's residual) of each whole window,
     *     {@code frames · hop} samples, in task order
     * @throws IllegalArgumentException if the windows differ in length
     */
    public List<float[]> synthesizeBatch(List<WindowTask> tasks) {
        InferenceThreads.disableGradients();
        int frames = tasks.get(0).frames();
        int nMel = flow.config().nMelChannels();
        int nGroup = flow.config().nGroup();
        int groups = groupsFor(tasks.get(0).mel());
        float[] mel = new float[tasks.size() * nMel * frames];
        float[] latent = new float[tasks.size() * nGroup * groups];
        for (int b = 0; b < tasks.size(); b++) {
            WindowTask task = tasks.get(b);
            if (task.frames() != frames || task.mel().length != nMel || task.latent().length != nGroup * groups) {
                throw new IllegalArgumentException("batched windows must all have " + frames + " frames of " + nMel
                        + " bands; window " + b + " has " + task.frames() + " frames of " + task.mel().length);
            }
            for (int band = 0; band < nMel; band++) {
                System.arraycopy(task.mel()[band], 0, mel, (b * nMel + band) * frames, frames);
            }
            System.arraycopy(task.latent(), 0, latent, b * nGroup * groups, nGroup * groups);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray audio = flow.inverse(call.create(mel, new Shape(tasks.size(), nMel, frames)),
                    call.create(latent, new Shape(tasks.size(), nGroup, groups)), 1.0);
            float[] flat = audio.toFloatArray();
            int samples = groups * nGroup;
            List<float[]> result = new ArrayList<>();
            for (int b = 0; b < tasks.size(); b++) {
                result.add(Arrays.copyOfRange(flat, b * samples, (b + 1) * samples));
            }
            return result;
        }
    }

    private int groupsFor(float[][] mel) {
        long samples = samplesFor(MelArrays.frames(mel));
        int nGroup = flow.config().nGroup();
        if (samples % nGroup != 0) {
            throw new IllegalArgumentException("frames x hop = " + samples + " samples is not a multiple of n_group "
                    + nGroup);
        }
        return (int) (samples / nGroup);
    }
}
