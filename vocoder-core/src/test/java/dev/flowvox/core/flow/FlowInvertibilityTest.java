// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.NativeMemoryTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** inverse(forward(x)) = x on random models whose couplings are far from the identity. */
class FlowInvertibilityTest extends NativeMemoryTest {

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("group 4, early outputs", FlowConfig.nvidia(5, 4, 4, 2, 2, WaveNetConfig.dense(2, 8, 3)), 3),
                Arguments.of("group 8, early outputs", FlowConfig.nvidia(6, 4, 8, 2, 2, WaveNetConfig.dense(3, 16, 3)), 5),
                Arguments.of("group 8, no early outputs", FlowConfig.nvidia(6, 3, 8, 2, 0, WaveNetConfig.dense(2, 8, 5)), 7),
                Arguments.of("group 16, early every 2 of 4", FlowConfig.nvidia(4, 6, 16, 2, 4, WaveNetConfig.dense(2, 8, 3)), 3),
                Arguments.of("frame rate, separable, group 32", new FlowConfig(7, 4, 32, 2, 8, 32,
                        Conditioning.FRAME_RATE, new WaveNetConfig(3, 12, 3, true)), 9),
                Arguments.of("frame rate, 4 groups per frame", new FlowConfig(5, 4, 16, 2, 4, 64,
                        Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true)), 5),
                Arguments.of("lapped, 2 blocks per frame", new FlowConfig(6, 4, 16, 2, 4, 32,
                        Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true), Squeeze.LAPPED), 6),
                Arguments.of("lapped, 1 block per frame", new FlowConfig(5, 3, 32, 2, 8, 32,
                        Conditioning.FRAME_RATE, new WaveNetConfig(3, 12, 3, true), Squeeze.LAPPED), 4));
    }

    @ParameterizedTest(name = "{0}, {2} frames")
    @MethodSource("configurations")
    void inverseOfForwardReturnsTheAudio(String name, FlowConfig config, int frames) {
        try (FlowParameters parameters = FlowParameters.initialize(config, manager,
                new Initialization(7, 1.0, TestArrays.melConfig(config.nMelChannels())));
                FlowWeights weights = parameters.fold(manager);
                NDManager call = manager.newSubManager()) {
            WaveGlow flow = new WaveGlow(parameters.layout(), weights);
            long samples = (long) frames * config.hopLength();
            NDArray audio = TestArrays.uniform(call, 11, 0.5, new Shape(2, samples));
            NDArray mel = TestArrays.normal(call, 12, new Shape(2, config.nMelChannels(), frames));
            FlowOutput out = flow.forward(audio, mel);
            double logScaleSpread = out.logScale().abs().max().getFloat();
            assertTrue(logScaleSpread > 0.05, "couplings must be non-trivial, max |Σ log s| = " + logScaleSpread);
            NDArray restored = flow.inverse(mel, out.z(), 1.0);
            double error = restored.sub(audio).abs().max().getFloat();
            assertTrue(error < 1e-4, name + ": max |inverse(forward(x)) - x| = " + error);
        }
    }
}
