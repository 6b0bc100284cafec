// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.flow.FlowConfig;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.proto.v1.FlowShape;
import dev.flowvox.proto.v1.MelSettings;
import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.registry.ServedModel;

import java.util.Locale;

/** The wire description of a served model. */
final class ModelInfos {

    private ModelInfos() {
    }

    /**
     * @param model a served model
     * @param limits the server's per-request limits
     * @return its {@code flowvox.v1.ModelInfo}
     */
    static dev.flowvox.proto.v1.ModelInfo of(ServedModel model, Limits limits) {
        ModelInfo info = model.info();
        FlowConfig flow = info.flow();
        MelConfig mel = info.mel();
        return dev.flowvox.proto.v1.ModelInfo.newBuilder()
                .setId(model.id())
                .setSampleRate(info.sampleRate())
                .setNMel(flow.nMelChannels())
                .setHopLength(flow.hopLength())
                .setFlow(FlowShape.newBuilder()
                        .setNFlows(flow.nFlows())
                        .setNGroup(flow.nGroup())
                        .setNEarlyEvery(flow.nEarlyEvery())
                        .setNEarlySize(flow.nEarlySize())
                        .setConditioning(flow.conditioning().name().toLowerCase(Locale.ROOT))
                        .setWnLayers(flow.waveNet().nLayers())
                        .setWnChannels(flow.waveNet().nChannels())
                        .setWnKernelSize(flow.waveNet().kernelSize())
                        .setWnSeparable(flow.waveNet().separable()))
                .setMel(MelSettings.newBuilder()
                        .setFilterLength(mel.filterLength())
                        .setWinLength(mel.winLength())
                        .setFminHz(mel.fMin())
                        .setFmaxHz(mel.fMax())
                        .setLogFloor(mel.logFloor()))
                .setTrainingSigma(info.trainingSigma())
                .setDescription(info.provenance().description())
                .setCreated(info.provenance().created())
                .putAllFacts(info.provenance().facts())
                .setCalibrated(model.calibration().isPresent())
                .setMaxFrames(limits.maxFrames())
                .setMaxScoreSeconds(limits.maxScoreSeconds())
                .setMaxMessageBytes(limits.maxMessageBytes())
                .setDefaultSigma(model.synthesisDefaults().sigma())
                .setDefaultRefinementPasses(model.synthesisDefaults().refinementPasses())
                .setRefinedVoicedGain(model.synthesisDefaults().voicedGain())
                .build();
    }
}
