// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording in libtorch is a per-thread switch that starts on in every new thread. Inference
 * with it on is 2.5x slower and keeps autograd graphs alive, so every inference entry point calls
 * {@link #disableGradients()} on its thread first; the first call also quiets libtorch's warnings
 * ({@link TorchLogLevel}). A process that runs passes on several threads at once also calls {@link
 * #useOneIntraOpThread()}.
 */
public final class InferenceThreads {

    /** The engine whose native library the switch belongs to. */
    private static final String ENGINE = "PyTorch";
    /** DJL's property for libtorch's intra-op threads; when a user sets it, it is left alone. */
    public static final String INTRA_OP_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private InferenceThreads() {
    }

    /**
     * Runs each libtorch operation on one thread, unless the user chose a number with {@value
     * #INTRA_OP_THREADS_PROPERTY}, for a process that runs forward passes concurrently, one per core.
     * libtorch parallelizes an operation with GNU OpenMP, whose pools of several threads, one pool per
     * calling thread, sleep between operations once they hold more threads than there are cores; with
     * one thread per operation there are no pools. Affects the whole process: threads that have run
     * libtorch work before keep what they had.
     */
    public static void useOneIntraOpThread() {
        Engine.getEngine(ENGINE);
        if (System.getProperty(INTRA_OP_THREADS_PROPERTY) == null) {
            JniUtils.setNumThreads(1);
        }
    }

    /**
     * Turns gradient recording off for the calling thread (loading the engine and setting libtorch's log
     * threshold if needed).
     */
    public static void disableGradients() {
        Engine.getEngine(ENGINE);
        TorchLogLevel.apply();
        JniUtils.setGradMode(false);
    }
}
