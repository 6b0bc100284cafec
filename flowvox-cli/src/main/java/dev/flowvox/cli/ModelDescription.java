// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.flow.Squeeze;
import dev.flowvox.core.flow.WaveNetConfig;
import dev.flowvox.core.model.ModelInfo;

import java.util.Locale;

/** A model's shape in words, as the model card and {@code flowvox info} state it. */
final class ModelDescription {

    private ModelDescription() {
    }

    /**
     * @param info the model
     * @return what the flow does to audio, from the pitch predictor to the conditioning
     */
    static String flow(ModelInfo info) {
        FlowConfig flow = info.flow();
        WaveNetConfig wn = flow.waveNet();
        String squeeze = flow.squeeze() == Squeeze.LAPPED
                ? String.format(Locale.ROOT, "audio as %d lapped-transform coefficients per %d samples (%.0f Hz apart), "
                        + "each divided by the standard deviation a linear map of the mel predicts (the spectral envelope)",
                        flow.nGroup(), flow.nGroup(), info.mel().sampleRate() / (2.0 * flow.nGroup()))
                : String.format(Locale.ROOT, "audio in groups of %d samples", flow.nGroup());
        if (flow.pitchPrediction().enabled()) {
            squeeze = String.format(Locale.ROOT, "a pitch predictor (each sample predicted from one period earlier, "
                    + "gain %.2f where the mel's f0 estimate finds voicing at YIN threshold %.2f, so the flow models the "
                    + "prediction residual and synthesis rebuilds the harmonics), then %s",
                    flow.pitchPrediction().voicedGain(), flow.pitchPrediction().threshold(), squeeze);
        }
        return String.format(Locale.ROOT, "%s, %d flow steps (invertible 1x1 convolution + affine coupling), %d channels "
                + "leaving every %d flows, coupling networks of %d %s layers with %d channels, kernel %d, dilations "
                + "cycling every %d layers, conditioned on the %d-band mel at %s", squeeze, flow.nFlows(),
                flow.nEarlySize(), flow.nEarlyEvery(), wn.nLayers(), wn.separable() ? "depthwise-separable" : "dense",
                wn.nChannels(), wn.kernelSize(), wn.dilationCycle(), flow.nMelChannels(),
                flow.conditioning().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /**
     * @param mel a mel convention
     * @return its parameters, e.g. {@code 22050 Hz, FFT 1024, hop 256, window 1024, 80 bands over 0–8000 Hz,
     *     natural log of at least 1e-05}
     */
    static String mel(MelConfig mel) {
        return String.format(Locale.ROOT, "%d Hz, FFT %d, hop %d, window %d, %d bands over %.0f–%.0f Hz, natural log of "
                + "at least %.0e", mel.sampleRate(), mel.filterLength(), mel.hopLength(), mel.winLength(), mel.nMels(),
                mel.fMin(), mel.fMax(), mel.logFloor());
    }
}
