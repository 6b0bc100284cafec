// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelPitch;
import dev.flowvox.core.dsp.PitchTrack;

/**
 * The flow's first layer on the audio side: a long-term predictor, as in speech codecs, steered by
 * the pitch that {@link MelPitch} reads from the mel. In the analysis direction every sample becomes
 * the residual {@code e[n] = (x[n] - g[n]·x[n - P[n]]) / sqrt(1 - g[n]²)}, which the rest of the flow
 * models; synthesis runs the recursion {@code x[n] = sqrt(1 - g[n]²)·e[n] + g[n]·x[n - P[n]]} sample
 * by sample, which gives voiced frames their harmonics at the mel's f0. The period P is interpolated
 * linearly (fractional delays by linear interpolation) and the gain g is {@link
 * PitchPrediction#voicedGain()} on voiced frames and 0 elsewhere, both linear between frame centres
 * (frame t at sample {@code t · hop}). A sample depends only on earlier ones, so the Jacobian is
 * triangular and {@code log |det| = Σ -½ log(1 - g²)}; samples before the first are taken as 0.
 *
 * <p>Immutable and thread-safe; {@link Synthesis} carries one stream's state.
 */
public final class PitchPredictor {

    /**
     * Frames by which a refined synthesis holds each voiced run past its edges ({@link
     * #heldForSynthesis}). At an edge the gain ramps to 0 across a frame that YIN's window straddles,
     * and the ramped frames were where the synthesis lost most voicing (the default model's
     * ARCHITECTURE.md, "Fourth round").
     */
    public static final int SYNTHESIS_HOLD_FRAMES = 1;

    private final PitchPrediction prediction;
    private final MelPitch pitch;
    private final int hop;
    private final int sampleRate;

    /**
     * @param prediction gain and voicing threshold
     * @param mel the model's mel settings
     */
    public PitchPredictor(PitchPrediction prediction, MelConfig mel) {
        this(prediction, prediction.enabled() ? MelPitch.speech(mel, prediction.threshold()) : null, mel.hopLength(),
                mel.sampleRate());
    }

    private PitchPredictor(PitchPrediction prediction, MelPitch pitch, int hop, int sampleRate) {
        this.prediction = prediction;
        this.pitch = pitch;
        this.hop = hop;
        this.sampleRate = sampleRate;
    }

    /** @return the predictor of a flow without pitch prediction: every direction is the identity */
    public static PitchPredictor none() {
        return new PitchPredictor(PitchPrediction.OFF, null, 1, 1);
    }

    /** Whether this predictor changes anything ({@link PitchPrediction#enabled()}). */
    public boolean enabled() {
        return prediction.enabled();
    }

    /**
     * Checks that this predictor belongs to a flow of that shape.
     *
     * @param flow the flow's shape
     * @throws IllegalArgumentException if the flow has pitch prediction and this predictor is off, or the reverse
     */
    public void requireMatches(FlowConfig flow) {
        if (flow.pitchPrediction().enabled() != enabled()) {
            throw new IllegalArgumentException("the flow's configuration has pitch prediction " + flow.pitchPrediction()
                    + "; expected a predictor that is " + (enabled() ? "off" : "on"));
        }
    }

    /**
     * @param logMel {@code [n_mel][frames]}
     * @return the pitch that steers the predictor, one entry per frame
     */
    public PitchTrack track(float[][] logMel) {
        if (!enabled()) {
            int frames = logMel[0].length;
            return new PitchTrack(new float[frames], new boolean[frames]);
        }
        return pitch.track(logMel);
    }

    /**
     * {@link #track} from the mel's recovered magnitudes, for a caller that needs them too.
     *
     * @param magnitude {@code [filter_length/2 + 1][frames]}, {@link dev.flowvox.core.dsp.MelInversion}
     *     with {@link MelPitch#INVERSION_ITERATIONS} iterations
     * @return the pitch that steers the predictor, one entry per frame
     */
    public PitchTrack trackMagnitudes(float[][] magnitude) {
        if (!enabled()) {
            int frames = magnitude[0].length;
            return new PitchTrack(new float[frames], new boolean[frames]);
        }
        return pitch.trackMagnitudes(magnitude);
    }

    /**
     * The track a refined synthesis follows ({@code MelRefinement.trackToSynthesize}): the analysis
     * track with every unvoiced frame within {@value #SYNTHESIS_HOLD_FRAMES} frame(s) of a voiced one
     * voiced at the nearest voiced frame's f0 (the earlier one when both sides are as near). Synthesis
     * is then not the exact inverse of analysis at voicing edges, as sampling at a σ other than the
     * training σ is not the model's distribution; scoring keeps the analysis track. A frame's value
     * depends on the frames within {@value #SYNTHESIS_HOLD_FRAMES} of it, so a stream must know that
     * many frames more.
     *
     * @param track the analysis track
     * @return the track to synthesize with, as long
     */
    public static PitchTrack heldForSynthesis(PitchTrack track) {
        int frames = track.frames();
        float[] f0 = track.f0Hz().clone();
        boolean[] voiced = track.voiced().clone();
        for (int t = 0; t < frames; t++) {
            for (int distance = 1; distance <= SYNTHESIS_HOLD_FRAMES && !voiced[t]; distance++) {
                for (int neighbour : new int[] {t - distance, t + distance}) {
                    if (!voiced[t] && neighbour >= 0 && neighbour < frames && track.voiced()[neighbour]) {
                        f0[t] = track.f0Hz()[neighbour];
                        voiced[t] = true;
                    }
                }
            }
        }
        return new PitchTrack(f0, voiced);
    }

    /**
     * The analysis direction.
     *
     * @param audio samples
     * @param track the pitch of the audio's mel
     * @return the residual, as long as the audio
     */
    public float[] residual(float[] audio, PitchTrack track) {
        if (!enabled()) {
            return audio.clone();
        }
        float[] residual = new float[audio.length];
        for (int n = 0; n < audio.length; n++) {
            Between at = between(n, track);
            double gain = gain(at, track, prediction.voicedGain());
            residual[n] = gain == 0 ? audio[n]
                    : (float) ((audio[n] - gain * delayed(audio, n, lag(at, track))) / Math.sqrt(1 - gain * gain));
        }
        return residual;
    }

    /**
     * Log-determinant of the analysis direction over samples {@code [from, to)}.
     *
     * @param track the pitch of the mel
     * @param from first sample
     * @param to end sample (exclusive)
     * @return {@code Σ -½ log(1 - g[n]²)}, nats
     */
    public double logDeterminant(PitchTrack track, long from, long to) {
        if (!enabled()) {
            return 0;
        }
        double sum = 0;
        for (long n = from; n < to; n++) {
            double gain = gain(between(n, track), track, prediction.voicedGain());
            sum -= 0.5 * Math.log1p(-gain * gain);
        }
        return sum;
    }

    /** @return the synthesis state of a stream that starts at sample 0 */
    public Synthesis synthesis() {
        return new Synthesis(prediction.voicedGain());
    }

    /**
     * The synthesis recursion with another gain on voiced frames than the flow was trained with: no
     * longer the exact inverse of {@link #residual}, as sampling at a σ other than the training σ is
     * not the model's distribution. A gain nearer 1 continues each voiced period with less of the
     * flow's residual (the default model's ARCHITECTURE.md, "The synthesis gain").
     *
     * @param voicedGain the gain on voiced frames, in (0, 1)
     * @return the synthesis state of a stream that starts at sample 0
     */
    public Synthesis synthesis(double voicedGain) {
        if (!(voicedGain > 0 && voicedGain < 1)) {
            throw new IllegalArgumentException("synthesis gain " + voicedGain + "; expected in (0, 1)");
        }
        return new Synthesis(voicedGain);
    }

    /**
     * Where sample n lies between frame centres.
     *
     * @param before the frame at or before it
     * @param after the next frame (the same at the last frame)
     * @param fraction how far from {@code before} towards {@code after}, [0, 1)
     */
    private record Between(int before, int after, double fraction) {
    }

    private Between between(long n, PitchTrack track) {
        int frames = track.frames();
        int before = (int) Math.min(frames - 1, n / hop);
        int after = Math.min(frames - 1, before + 1);
        return new Between(before, after, before == frames - 1 ? 0 : (double) (n - (long) before * hop) / hop);
    }

    private static double gain(Between at, PitchTrack track, double voicedGain) {
        double g0 = track.voiced()[at.before()] ? voicedGain : 0;
        double g1 = track.voiced()[at.after()] ? voicedGain : 0;
        return g0 + at.fraction() * (g1 - g0);
    }

    /** The period, samples; meaningful where the gain is positive. */
    private double lag(Between at, PitchTrack track) {
        float f0 = track.f0Hz()[at.before()];
        float f1 = track.f0Hz()[at.after()];
        double hz = !track.voiced()[at.after()] ? f0 : !track.voiced()[at.before()] ? f1 : f0 + at.fraction() * (f1 - f0);
        return Math.max(2, sampleRate / hz);
    }

    /** {@code x[n - lag]} by linear interpolation, with samples before the signal's start taken as 0. */
    private static double delayed(float[] x, int n, double lag) {
        double position = n - lag;
        int below = (int) Math.floor(position);
        double fraction = position - below;
        double early = below < 0 ? 0 : x[below];
        double late = below + 1 < 0 ? 0 : x[below + 1];
        return (1 - fraction) * early + fraction * late;
    }

    /**
     * The synthesis recursion of one stream, the inverse of {@link #residual}, fed residual chunk by
     * chunk in order: the chunks together give exactly what one call with their concatenation gives.
     * Not thread-safe.
     */
    public final class Synthesis {
        private final int memory = enabled() ? pitch.maxLag() + 3 : 0;
        private final float[] history = new float[memory];
        private final double voicedGain;
        private long position;

        private Synthesis(double voicedGain) {
            this.voicedGain = voicedGain;
        }

        /**
         * @param residual the next samples of the flow's output
         * @param track the pitch of the stream's mel from frame 0, covering at least the frame after
         *     the chunk's last sample unless the mel ends there
         * @return the next samples of audio
         */
        public float[] next(float[] residual, PitchTrack track) {
            float[] buffer = new float[memory + residual.length];
            System.arraycopy(history, 0, buffer, 0, memory);
            for (int i = 0; i < residual.length; i++) {
                Between at = enabled() ? between(position + i, track) : null;
                double gain = enabled() ? gain(at, track, voicedGain) : 0;
                int index = memory + i;
                double predicted = gain == 0 ? 0 : gain * delayed(buffer, index, lag(at, track));
                buffer[index] = (float) (Math.sqrt(1 - gain * gain) * residual[i] + predicted);
            }
            System.arraycopy(buffer, residual.length, history, 0, memory);
            position += residual.length;
            float[] audio = new float[residual.length];
            System.arraycopy(buffer, memory, audio, 0, residual.length);
            return audio;
        }
    }
}
