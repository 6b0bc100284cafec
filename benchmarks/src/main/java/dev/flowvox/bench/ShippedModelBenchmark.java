// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** {@link ModelOperations} with the shipped model: average time per operation. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false"})
public class ShippedModelBenchmark extends ModelOperations {

    @Override
    protected String modelName() {
        return BenchmarkModels.SHIPPED;
    }
}
