// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link ModelOperations} with NVIDIA's published 256-channel WaveGlow (87.7M parameters, random
 * weights): seconds per operation, so single-shot timing, one warm-up and three measured runs.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false"})
public class WaveGlowBenchmark extends ModelOperations {

    @Override
    protected String modelName() {
        return BenchmarkModels.WAVEGLOW_256;
    }
}
