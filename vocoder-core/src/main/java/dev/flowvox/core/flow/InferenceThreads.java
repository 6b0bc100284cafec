// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording in libtorch is a per-thread switch that starts on in every new thread. Inference
 * with it on is 2.5x slower and keeps autograd graphs alive, so every inference entry point calls
 * {@link #disableGradients()} on its thread first; the first call also quiets libtorch's warnings
 * ({@link TorchLogLevel}).
 */
public final class InferenceThreads {

    /** The engine whose native library the switch belongs to. */
    private static final String ENGINE = "PyTorch";

    private InferenceThreads() {
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
