// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.GriffinLim;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.dsp.Yin;
import dev.flowvox.core.dsp.YinConfig;
import dev.flowvox.core.synth.Synthesizer;

/**
 * Copy synthesis of one clip: audio → mel → flow, and the same mel → Griffin-Lim (60 iterations from
 * the pseudo-inverted mel) as the baseline; both compared with the original. Not thread-safe.
 */
public final class CopySynthesis {

    private final Synthesizer synthesizer;
    private final SpectralDenoiser denoiser;
    private final double sigma;
    private final double denoiseStrength;
    private final MelSpectrogram mel;
    private final GriffinLim griffinLim;
    private final LogSpectralDistance lsd;
    private final Yin yin;

    /**
     * @param synthesizer the flow
     * @param config the flow's mel settings
     * @param sigma latent scale of the flow's synthesis
     * @param denoiser bias denoiser of the flow, or {@code null} for none
     * @param denoiseStrength denoiser strength (ignored without a denoiser)
     */
    public CopySynthesis(Synthesizer synthesizer, MelConfig config, double sigma, SpectralDenoiser denoiser,
            double denoiseStrength) {
        this.synthesizer = synthesizer;
        this.sigma = sigma;
        this.denoiser = denoiser;
        this.denoiseStrength = denoiseStrength;
        this.mel = new MelSpectrogram(config);
        this.griffinLim = new GriffinLim(config);
        this.yin = new Yin(YinConfig.speech(config.sampleRate()));
        this.lsd = new LogSpectralDistance(config.sampleRate(), config.fMax());
    }

    /**
     * Resynthesizes a clip with the flow alone and measures it (no Griffin-Lim, which does not depend
     * on the flow's σ).
     *
     * @param original audio at the model's rate
     * @param seed seed of the flow's latent
     * @return the flow's metrics
     */
    public QualityMetrics flowOnly(float[] original, long seed) {
        return QualityMetrics.compare(original, flow(mel.compute(original), seed), lsd, mel, yin);
    }

    /**
     * Resynthesizes a clip both ways and measures both.
     *
     * @param original audio at the model's rate
     * @param seed seed of the flow's latent and of Griffin-Lim's initial phase
     * @return audio and metrics
     */
    public Result run(float[] original, long seed) {
        float[][] logMel = mel.compute(original);
        float[] flow = flow(logMel, seed);
        float[] baseline = griffinLim.synthesize(logMel, seed);
        return new Result(flow, baseline, QualityMetrics.compare(original, flow, lsd, mel, yin),
                QualityMetrics.compare(original, baseline, lsd, mel, yin));
    }

    private float[] flow(float[][] logMel, long seed) {
        float[] audio = synthesizer.synthesize(logMel, sigma, seed);
        return denoiser == null ? audio : denoiser.denoise(audio, denoiseStrength);
    }

    /**
     * One clip's outcome.
     *
     * @param flowAudio the flow's resynthesis
     * @param griffinLimAudio the baseline's resynthesis
     * @param flow the flow's metrics
     * @param griffinLim the baseline's metrics
     */
    public record Result(float[] flowAudio, float[] griffinLimAudio, QualityMetrics flow, QualityMetrics griffinLim) {
    }
}
