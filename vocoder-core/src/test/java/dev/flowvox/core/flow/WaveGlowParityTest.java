// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import dev.flowvox.core.model.NvidiaCheckpoint;
import dev.flowvox.core.model.NvidiaConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares our flow with the original NVIDIA WaveGlow on a fixture made by its PyTorch code. The
 * fixture is chosen by {@code -Dflowvox.fixtures=DIR -Dflowvox.fixture=NAME}, so the same test runs
 * unchanged on any model of the same layout.
 */
class WaveGlowParityTest {

    private static NDManager manager;
    private static FlowParameters parameters;
    private static FlowWeights weights;
    private static WaveGlow flow;
    private static NDList io;

    @BeforeAll
    static void importFixtureModel() throws Exception {
        manager = NDManager.newBaseManager();
        FlowConfig config = NvidiaConfig.read(Fixtures.modelFile("config.json"));
        parameters = NvidiaCheckpoint.read(Fixtures.modelFile("weights.npz"), config, manager);
        weights = parameters.fold(manager);
        flow = new WaveGlow(parameters.layout(), weights);
        io = Fixtures.load(manager, Fixtures.modelFile("io.npz"));
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    @Test
    void forwardLatentMatchesNvidia() {
        try (NDManager call = manager.newSubManager()) {
            FlowOutput out = forward(call);
            assertClose("z", Fixtures.get(io, "z"), out.z(), 1e-4);
        }
    }

    @Test
    void logDeterminantsAndLossMatchNvidia() {
        try (NDManager call = manager.newSubManager()) {
            FlowOutput out = forward(call);
            NDArray audio = Fixtures.get(io, "audio");
            long batchGroups = out.logScale().size();
            double logS = out.logScale().sum().getFloat();
            double logDetW = out.logDetW().getFloat() * batchGroups;
            double expectedLogS = Fixtures.get(io, "log_s_sum").getFloat(0);
            double expectedLogDetW = Fixtures.get(io, "log_det_w_sum").getFloat(0);
            assertRelative("log_s_sum + log_det_w_sum", expectedLogS + expectedLogDetW, logS + logDetW, 1e-4);
            assertRelative("loss", Fixtures.get(io, "loss").getFloat(0), out.nvidiaLoss(1.0).getFloat(), 1e-4);
            assertTrue(audio.getShape().get(1) > 0);
        }
    }

    @Test
    void inverseFromFedNoiseMatchesNvidia() {
        try (NDManager call = manager.newSubManager()) {
            List<NDArray> noises = new ArrayList<>();
            for (int i = 0; io.contains("infer_noise_" + i); i++) {
                noises.add(io.get("infer_noise_" + i).duplicate());
            }
            NDArray z = NvidiaNoiseOrder.toLatent(flow.config(), noises);
            z.attach(call);
            double sigma = Fixtures.get(io, "sigma").getFloat(0);
            NDArray mel = Fixtures.get(io, "mel").duplicate();
            mel.attach(call);
            NDArray audio = flow.inverse(mel, z, sigma);
            assertClose("infer_audio", Fixtures.get(io, "infer_audio"), audio, 1e-4);
        }
    }

    private static FlowOutput forward(NDManager call) {
        NDArray audio = Fixtures.get(io, "audio").duplicate();
        NDArray mel = Fixtures.get(io, "mel").duplicate();
        audio.attach(call);
        mel.attach(call);
        return flow.forward(audio, mel);
    }

    static void assertClose(String what, NDArray expected, NDArray actual, double tolerance) {
        assertTrue(expected.getShape().equals(actual.getShape()),
                what + ": shape " + actual.getShape() + ", expected " + expected.getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double maxAbs = 0;
        for (int i = 0; i < e.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(e[i] - a[i]));
        }
        double measured = maxAbs;
        assertTrue(measured <= tolerance, what + ": max abs error " + measured + " > " + tolerance);
    }

    static void assertRelative(String what, double expected, double actual, double tolerance) {
        double relative = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
        assertTrue(relative <= tolerance, what + ": " + actual + " vs NVIDIA " + expected + ", relative error "
                + relative + " > " + tolerance);
    }
}
