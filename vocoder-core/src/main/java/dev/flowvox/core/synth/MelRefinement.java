// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import dev.flowvox.core.dsp.MagnitudeProjection;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelInversion;
import dev.flowvox.core.dsp.MelPitch;
import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.StftConfig;
import dev.flowvox.core.flow.PitchPredictor;

/**
 * Passes after the flow that give its audio the magnitudes its mel asks for: each pass takes the
 * audio's STFT in the mel's own framing, scales every bin to the magnitude recovered from the mel
 * ({@link MelInversion}, non-negative least squares), keeps the bin's phase, and resynthesizes
 * ({@link MagnitudeProjection}). It is a Griffin-Lim iteration that starts from the flow's phases instead of
 * random ones; the flow supplies what the mel does not hold (phase, and with the pitch predictor the
 * harmonics' positions), the mel restores what a sample of the flow draws at random (each bin's
 * level). Frames without a target (past the mel's end) keep their own magnitudes. A refined
 * synthesis also holds the pitch predictor's voicing past its edges ({@link #trackToSynthesize}) and
 * may continue voiced periods with a gain of its own ({@link #predictorSynthesis}).
 *
 * <p>An output sample depends on input within {@link #marginSamples()} of it, so a stream can be
 * refined in pieces ({@link dev.flowvox.core.dsp.WindowedStream}) and equal the whole signal's
 * refinement. Immutable and thread-safe.
 */
public final class MelRefinement {

    /** Most passes accepted: the measures settle after two to four. */
    public static final int MAX_PASSES = 8;

    private final StftConfig stft;
    private final MelInversion inversion;
    private final int passes;
    private final double voicedGain;

    /**
     * A refinement whose synthesis keeps the pitch predictor's own gain.
     *
     * @param mel the model's mel settings (the STFT framing and the inversion)
     * @param passes passes, 0 (off) to {@value #MAX_PASSES}
     */
    public MelRefinement(MelConfig mel, int passes) {
        this(mel, passes, 0);
    }

    /**
     * @param mel the model's mel settings (the STFT framing and the inversion)
     * @param passes passes, 0 (off) to {@value #MAX_PASSES}
     * @param voicedGain the pitch predictor's gain on voiced frames in a refined synthesis, in (0, 1),
     *     or 0 for the predictor's own
     */
    public MelRefinement(MelConfig mel, int passes, double voicedGain) {
        this(mel.stft(), new MelInversion(mel, MelPitch.INVERSION_ITERATIONS), passes, voicedGain);
    }

    private MelRefinement(StftConfig stft, MelInversion inversion, int passes, double voicedGain) {
        if (passes < 0 || passes > MAX_PASSES) {
            throw new IllegalArgumentException(passes + " refinement passes; expected 0 to " + MAX_PASSES);
        }
        this.stft = stft;
        this.inversion = inversion;
        this.passes = passes;
        this.voicedGain = requireVoicedGain(voicedGain);
    }

    /**
     * Checks a voiced gain for refined synthesis.
     *
     * @param gain in (0, 1), or 0 for the pitch predictor's own
     * @return the gain
     * @throws IllegalArgumentException for any other value
     */
    public static double requireVoicedGain(double gain) {
        if (!(gain >= 0 && gain < 1)) {
            throw new IllegalArgumentException("voiced gain " + gain + "; expected 0 (the predictor's own) "
                    + "or a gain in (0, 1)");
        }
        return gain;
    }

    /**
     * @param count passes, 0 (off) to {@value #MAX_PASSES}
     * @return this refinement with that many passes (and the same voiced gain)
     */
    public MelRefinement withPasses(int count) {
        return new MelRefinement(stft, inversion, count, voicedGain);
    }

    /**
     * @param gain the pitch predictor's gain on voiced frames in a refined synthesis, in (0, 1), or 0
     *     for the predictor's own
     * @return this refinement with that gain
     */
    public MelRefinement withVoicedGain(double gain) {
        return new MelRefinement(stft, inversion, passes, gain);
    }

    /** The pitch predictor's gain on voiced frames in a refined synthesis; 0 for the predictor's own. */
    public double voicedGain() {
        return voicedGain;
    }

    /** Passes per signal. */
    public int passes() {
        return passes;
    }

    /** Whether this refinement changes anything. */
    public boolean enabled() {
        return passes > 0;
    }

    /** Rows of the targets: {@code fft_size/2 + 1}. */
    public int bins() {
        return stft.bins();
    }

    /**
     * How far an output sample's inputs reach: a pass mixes the frames within half an FFT of a sample,
     * each of which reads half an FFT further.
     *
     * @return samples on each side, {@code passes · fft_size}
     */
    public int marginSamples() {
        return passes * stft.fftSize();
    }

    /**
     * The magnitudes a mel asks for. The same as the pitch predictor's ({@link
     * dev.flowvox.core.flow.PitchPredictor#trackMagnitudes}), so one inversion serves both.
     *
     * @param logMel {@code [n_mel][frames]}
     * @return {@code [fft_size/2 + 1][frames]}
     */
    public float[][] targets(float[][] logMel) {
        return inversion.magnitude(logMel);
    }

    /**
     * The pitch track a synthesis with this refinement follows: {@link PitchPredictor#heldForSynthesis}
     * when it refines, the analysis track otherwise. Held voicing puts harmonics a frame past each
     * voiced run, which the refinement brings back to the mel's levels: with the default model's two
     * passes it lowered the voicing error of copy synthesis (0.055 to 0.047 on the validation
     * clips), while without refinement it raised the log-spectral distance and the F0 error (the
     * model's ARCHITECTURE.md, "Fourth round").
     *
     * @param analysis the track the mel's pitch estimate gives
     * @return the track to synthesize with
     */
    public PitchTrack trackToSynthesize(PitchTrack analysis) {
        return enabled() ? PitchPredictor.heldForSynthesis(analysis) : analysis;
    }

    /**
     * The recursion a synthesis with this refinement runs: with the refinement's voiced gain when it
     * refines and has one, else the predictor's own, so that a synthesis without refinement stays the
     * flow's exact inverse. Nearer 1 the recursion continues each voiced period with less of the
     * flow's residual, and the refinement restores the mel's levels; with the default model a gain of
     * 0.999 lowered the voicing error and the fine F0 error of copy synthesis on every set measured
     * (its ARCHITECTURE.md, "The synthesis gain").
     *
     * @param predictor the flow's pitch predictor
     * @return the synthesis state of a stream that starts at sample 0
     */
    public PitchPredictor.Synthesis predictorSynthesis(PitchPredictor predictor) {
        return enabled() && voicedGain > 0 ? predictor.synthesis(voicedGain) : predictor.synthesis();
    }

    /**
     * Frames after a frame that decide its value in {@link #trackToSynthesize}: what a stream must
     * have received beyond the frames it synthesizes.
     */
    public int heldFrames() {
        return enabled() ? PitchPredictor.SYNTHESIS_HOLD_FRAMES : 0;
    }

    /**
     * Refines audio whose STFT frame t (centred on sample {@code t · hop}) belongs to target column t.
     *
     * @param audio samples, non-empty
     * @param targets {@code [fft_size/2 + 1][columns]}; frames from {@code columns} on keep their
     *     own magnitudes
     * @return the refined audio, as long as {@code audio}
     */
    public float[] refine(float[] audio, float[][] targets) {
        if (targets.length != stft.bins()) {
            throw new IllegalArgumentException(targets.length + " target bins; expected " + stft.bins());
        }
        float[] out = audio;
        MagnitudeProjection projection = new MagnitudeProjection(stft);
        for (int pass = 0; pass < passes; pass++) {
            out = projection.project(out, targets);
        }
        return out;
    }
}
