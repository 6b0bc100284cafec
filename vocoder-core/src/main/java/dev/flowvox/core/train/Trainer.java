// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.FlowLayout;
import dev.flowvox.core.flow.FlowParameters;
import dev.flowvox.core.flow.FlowWeights;
import dev.flowvox.core.flow.Initialization;
import dev.flowvox.core.flow.PitchPredictor;
import dev.flowvox.core.flow.WaveGlow;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.score.LikelihoodScorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximum-likelihood training of a flow on random segments: one {@link #step()} draws a batch, turns
 * each segment into the flow's pitch-prediction residual ({@link PitchPredictor}, which has no
 * weights), runs the forward pass under a gradient collector, clips the gradient by its global norm, skips the
 * update if the loss or gradient is not finite, and applies Adam. Everything that determines the
 * next step (weights, optimizer moments, step count, sampler state) is in {@link TrainingState} and
 * the checkpoint, so resuming is exact. Not thread-safe.
 */
public final class Trainer implements AutoCloseable {

    private final ModelInfo info;
    private final TrainingConfig config;
    private final FlowParameters parameters;
    private final AdamOptimizer optimizer;
    private final SegmentSampler sampler;
    private final Map<String, NDArray> trainable;
    private final NDManager manager;
    private final int segmentSamples;
    private final PitchPredictor pitchPredictor;
    private long step;
    private long skipped;
    private double elapsedSeconds;

    /**
     * Assembles a trainer; it takes ownership of the parameters and optimizer.
     *
     * @param info model description
     * @param config training settings
     * @param parameters weights to train
     * @param optimizer optimizer state for those weights
     * @param sampler batch source
     * @param state step count and clocks to continue from
     * @param manager manager for per-step scopes
     */
    public Trainer(ModelInfo info, TrainingConfig config, FlowParameters parameters, AdamOptimizer optimizer,
            SegmentSampler sampler, TrainingState state, NDManager manager) {
        this.info = info;
        this.config = config;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.sampler = sampler;
        this.manager = manager;
        this.trainable = trainableArrays(parameters);
        this.trainable.values().forEach(p -> p.setRequiresGradient(true));
        FlowConfig flow = info.flow();
        this.segmentSamples = config.segmentSamples() / flow.nGroup() * flow.nGroup();
        if (segmentSamples == 0) {
            throw new IllegalArgumentException("segments of " + config.segmentSamples() + " samples are shorter than one group of "
                    + flow.nGroup());
        }
        this.pitchPredictor = new PitchPredictor(flow.pitchPrediction(), info.mel());
        this.step = state.step();
        this.skipped = state.skippedSteps();
        this.elapsedSeconds = state.elapsedSeconds();
    }

    /**
     * A new run: NVIDIA's initialisation seeded with {@code config.seed()}, zero optimizer moments.
     *
     * @param info model description
     * @param config training settings
     * @param corpus training audio
     * @param manager owner of the run's native memory
     * @return the trainer at step 0
     */
    public static Trainer fresh(ModelInfo info, TrainingConfig config, Corpus corpus, NDManager manager) {
        FlowParameters parameters = FlowParameters.initialize(info.flow(), manager, Initialization.nvidia(config.seed(), info.mel()));
        AdamOptimizer optimizer = AdamOptimizer.fresh(trainableArrays(parameters), manager);
        return new Trainer(info, config, parameters, optimizer, sampler(info, config, corpus, new SplitMix64(config.seed())),
                TrainingState.start(config.seed()), manager);
    }

    /**
     * The arrays training updates, by name.
     *
     * @param parameters all stored parameters
     * @return the trainable subset, in layout order
     */
    static Map<String, NDArray> trainableArrays(FlowParameters parameters) {
        Map<String, NDArray> result = new LinkedHashMap<>();
        parameters.arrays().forEach((name, array) -> {
            if (FlowLayout.isTrainable(name)) {
                result.put(name, array);
            }
        });
        return result;
    }

    /**
     * A sampler for a corpus under a model's mel settings.
     *
     * @param info model description
     * @param config training settings (segment length)
     * @param corpus training audio
     * @param random generator
     * @return the sampler
     */
    public static SegmentSampler sampler(ModelInfo info, TrainingConfig config, Corpus corpus, SplitMix64 random) {
        int nGroup = info.flow().nGroup();
        return new SegmentSampler(corpus, config.segmentSamples() / nGroup * nGroup, new MelSpectrogram(info.mel()), random);
    }

    /** Model description. */
    public ModelInfo info() {
        return info;
    }

    /** Training settings. */
    public TrainingConfig config() {
        return config;
    }

    /** The weights being trained. */
    public FlowParameters parameters() {
        return parameters;
    }

    /** The optimizer. */
    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /** Where training stands. */
    public TrainingState state() {
        return new TrainingState(step, skipped, elapsedSeconds, sampler.random().state());
    }

    /**
     * One optimizer step on a fresh batch.
     *
     * @return what happened
     */
    public StepReport step() {
        long start = System.nanoTime();
        Batch batch = sampler.next(config.batchSize());
        double loss;
        double norm;
        boolean skip;
        List<String> nonFinite = new ArrayList<>();
        float[][] residuals = new float[batch.size()][];
        double predictorLogDet = 0;
        for (int b = 0; b < batch.size(); b++) {
            PitchTrack pitch = pitchPredictor.track(batch.mel()[b]);
            residuals[b] = pitchPredictor.residual(batch.audio()[b], pitch);
            predictorLogDet += pitchPredictor.logDeterminant(pitch, 0, segmentSamples);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray audio = scope.create(flatten(residuals), new Shape(batch.size(), segmentSamples));
            int nMel = batch.mel()[0].length;
            int frames = batch.mel()[0][0].length;
            NDArray mel = scope.create(flatten(batch.mel()), new Shape(batch.size(), nMel, frames));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                    NDScope graph = new NDScope()) {
                FlowWeights weights = parameters.differentiable(scope);
                NDArray lossArray = new WaveGlow(parameters.layout(), weights).forward(audio, mel).nvidiaLoss(config.sigma());
                collector.backward(lossArray);
                loss = lossArray.getFloat() - predictorLogDet / ((double) batch.size() * segmentSamples);
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            double sumSquares = 0;
            for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
                NDArray gradient = entry.getValue().getGradient();
                gradient.attach(scope);
                gradients.put(entry.getKey(), gradient);
                try (NDArray square = gradient.square().sum()) {
                    float parameterSquares = square.getFloat();
                    sumSquares += parameterSquares;
                    if (!Float.isFinite(parameterSquares)) {
                        nonFinite.add(entry.getKey());
                    }
                }
            }
            norm = Math.sqrt(sumSquares);
            skip = !Double.isFinite(loss) || !Double.isFinite(norm);
            if (!skip) {
                if (norm > config.clipNorm()) {
                    float scale = (float) (config.clipNorm() / norm);
                    gradients.values().forEach(g -> g.muli(scale));
                }
                optimizer.update(trainable, gradients, config);
            }
            trainable.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
        }
        step++;
        if (skip) {
            skipped++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        elapsedSeconds += seconds;
        return new StepReport(step, loss, norm, skip, seconds, nonFinite);
    }

    /**
     * Validation negative log-likelihood with the current weights.
     *
     * @param set validation clips
     * @return nats per sample
     */
    public double validate(ValidationSet set) {
        long start = System.nanoTime();
        try (FlowWeights weights = parameters.fold(manager)) {
            LikelihoodScorer scorer = new LikelihoodScorer(new WaveGlow(parameters.layout(), weights), pitchPredictor,
                    manager, config.sigma(), info.sampleRate());
            return set.negativeLogLikelihood(scorer);
        } finally {
            elapsedSeconds += (System.nanoTime() - start) / 1e9;
        }
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return flat;
    }

    private static float[] flatten(float[][][] blocks) {
        int rows = blocks[0].length;
        int width = blocks[0][0].length;
        float[] flat = new float[blocks.length * rows * width];
        for (int b = 0; b < blocks.length; b++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(blocks[b][r], 0, flat, (b * rows + r) * width, width);
            }
        }
        return flat;
    }

    /** Frees the weights and optimizer state. */
    @Override
    public void close() {
        optimizer.close();
        parameters.close();
    }
}
