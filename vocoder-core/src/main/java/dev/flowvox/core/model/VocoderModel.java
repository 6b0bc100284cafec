// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import ai.djl.ndarray.NDManager;

import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.ClipFeature;
import dev.flowvox.core.calibration.FlowFeature;

import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.InferenceThreads;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.score.LikelihoodScorer;
import dev.flowvox.core.synth.MelRefinement;
import dev.flowvox.core.synth.Synthesizer;

import java.util.Objects;
import java.util.Optional;

/**
 * A model in memory: its description and parameters, plus inference weights folded on first use.
 * Thread-safe.
 */
public final class VocoderModel implements AutoCloseable {

    private final ModelInfo info;
    private final FlowParameters parameters;
    private final NDManager manager;
    private final Calibration calibration;
    private final SynthesisDefaults synthesisDefaults;
    private final PitchPredictor pitchPredictor;
    private final MelRefinement refinement;
    private FlowWeights weights;
    private WaveGlow flow;

    /**
     * Takes ownership of the parameters.
     *
     * @param info description
     * @param parameters weights matching {@code info.flow()}
     * @param parent manager whose sub-manager will own the inference weights
     */
    public VocoderModel(ModelInfo info, FlowParameters parameters, NDManager parent) {
        this(info, parameters, parent, null, SynthesisDefaults.FALLBACK);
    }

    /**
     * Takes ownership of the parameters.
     *
     * @param info description
     * @param parameters weights matching {@code info.flow()}
     * @param parent manager whose sub-manager will own the inference weights
     * @param calibration the bundle's typicality calibration, or null when it has none; it may bound
     *     only {@link FlowFeature}s per segment and {@link ClipFeature}s per clip
     * @param synthesisDefaults how the model synthesizes when a caller does not say
     */
    public VocoderModel(ModelInfo info, FlowParameters parameters, NDManager parent, Calibration calibration,
            SynthesisDefaults synthesisDefaults) {
        if (!info.flow().equals(parameters.config())) {
            throw new IllegalArgumentException("parameters are for " + parameters.config() + ", the model says " + info.flow());
        }
        if (calibration != null) {
            try {
                calibration.featureNames().forEach(FlowFeature::named);
                calibration.clipBounds().names().forEach(ClipFeature::named);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the model's calibration cannot be used: " + e.getMessage()
                        + "; re-run flowvox calibrate", e);
            }
        }
        this.info = info;
        this.parameters = parameters;
        this.manager = parent.newSubManager();
        this.calibration = calibration;
        this.synthesisDefaults = Objects.requireNonNull(synthesisDefaults, "synthesisDefaults");
        this.pitchPredictor = new PitchPredictor(info.flow().pitchPrediction(), info.mel());
        this.refinement = new MelRefinement(info.mel(), synthesisDefaults.refinementPasses(),
                synthesisDefaults.voicedGain());
    }

    /** The model's description. */
    public ModelInfo info() {
        return info;
    }

    /** The typicality calibration stored with the model, if any (anomaly checks need one). */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    /** How the model synthesizes when a caller does not say (its recommended σ and refinement passes). */
    public SynthesisDefaults synthesisDefaults() {
        return synthesisDefaults;
    }

    /** The stored parameters. */
    public FlowParameters parameters() {
        return parameters;
    }

    /** The flow with inference weights (folded on first call). */
    public synchronized WaveGlow flow() {
        if (flow == null) {
            InferenceThreads.disableGradients();
            weights = parameters.fold(manager);
            flow = new WaveGlow(parameters.layout(), weights);
        }
        return flow;
    }

    /** A synthesizer over this model's inference weights, with the model's default refinement passes. */
    public Synthesizer synthesizer() {
        return new Synthesizer(flow(), pitchPredictor, refinement, manager);
    }

    /** A likelihood scorer over this model's inference weights. */
    public LikelihoodScorer scorer() {
        return new LikelihoodScorer(flow(), pitchPredictor, manager, info.trainingSigma(), info.sampleRate());
    }

    /** The pitch predictor of this model's flow. */
    public PitchPredictor pitchPredictor() {
        return pitchPredictor;
    }

    /** Frees the parameters and inference weights. */
    @Override
    public synchronized void close() {
        manager.close();
        parameters.close();
    }
}
