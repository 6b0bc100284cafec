// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.registry;

import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.dsp.SpectralDenoiser;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.score.LikelihoodScorer;
import dev.flowvox.core.synth.BiasDenoiser;
import dev.flowvox.core.synth.Synthesizer;
import dev.flowvox.server.schedule.WindowBatcher;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loaded model and what serving it needs: its synthesizer, scorer, calibration, batching queue and
 * denoisers.
 * Thread-safe.
 */
public final class ServedModel implements AutoCloseable {

    private final String id;
    private final VocoderModel model;
    private final Synthesizer synthesizer;
    private final LikelihoodScorer scorer;
    private final WindowBatcher batcher;
    private final ConcurrentLinkedQueue<SpectralDenoiser> denoisers = new ConcurrentLinkedQueue<>();
    private float[] biasAudio;

    ServedModel(String id, VocoderModel model, WindowBatcher batcher) {
        this.id = id;
        this.model = model;
        this.synthesizer = model.synthesizer();
        this.scorer = model.scorer();
        this.batcher = batcher;
    }

    /** The id requests name it by. */
    public String id() {
        return id;
    }

    /** Its description. */
    public ModelInfo info() {
        return model.info();
    }

    /** Its bundle's typicality calibration, if any (Score then returns a verdict). */
    public Optional<Calibration> calibration() {
        return model.calibration();
    }

    /** How it synthesizes when a request does not say. */
    public SynthesisDefaults synthesisDefaults() {
        return model.synthesisDefaults();
    }

    /** Its synthesizer (thread-safe). */
    public Synthesizer synthesizer() {
        return synthesizer;
    }

    /** Its scorer (thread-safe). */
    public LikelihoodScorer scorer() {
        return scorer;
    }

    /** Its batching queue. */
    public WindowBatcher batcher() {
        return batcher;
    }

    /**
     * Denoises a whole signal with NVIDIA's bias denoiser. Denoisers are not thread-safe, so each call
     * borrows one from a pool that grows to the number of concurrent callers; all of them subtract the
     * model's bias, measured once on a thread that ends ({@code PassingThread}) when it is first needed.
     *
     * @param audio samples at the model's rate
     * @param strength multiple of the bias spectrum to subtract, >= 0
     * @return the denoised samples, same length
     */
    public float[] denoise(float[] audio, double strength) {
        SpectralDenoiser denoiser = denoisers.poll();
        if (denoiser == null) {
            denoiser = SpectralDenoiser.fromBiasAudio(model.info().mel().stft(), biasAudio());
        }
        try {
            return denoiser.denoise(audio, strength);
        } finally {
            denoisers.add(denoiser);
        }
    }

    private synchronized float[] biasAudio() {
        if (biasAudio == null) {
            try {
                biasAudio = PassingThread.call("flowvox-denoiser-bias",
                        () -> BiasDenoiser.biasAudio(synthesizer, model.info().flow(), model.info().mel()));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("measuring the denoiser's bias failed: " + e, e);
            }
        }
        return biasAudio;
    }

    /** Stops the batching queue and frees the model's native memory. */
    @Override
    public void close() {
        batcher.close();
        model.close();
    }
}
