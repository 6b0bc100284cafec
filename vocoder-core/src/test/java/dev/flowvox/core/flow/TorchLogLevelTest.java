// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** libtorch's log threshold follows TORCH_CPP_LOG_LEVEL as PyTorch reads it, ERROR when unset. */
class TorchLogLevelTest {

    @Test
    void inferenceSetsTheThresholdInLibtorchItself() {
        InferenceThreads.disableGradients();
        assertEquals(TorchLogLevel.level(System.getenv(TorchLogLevel.ENVIRONMENT)), TorchLogLevel.current());
    }

    @Test
    void unsetMeansErrorSoWarningsStayOut() {
        assertEquals(2, TorchLogLevel.level(null));
        assertEquals(2, TorchLogLevel.level(" "));
    }

    @Test
    void namesAndNumbersAreReadLikePyTorchDoes() {
        assertEquals(0, TorchLogLevel.level("INFO"));
        assertEquals(1, TorchLogLevel.level("warning"));
        assertEquals(1, TorchLogLevel.level("1"));
        assertEquals(2, TorchLogLevel.level("ERROR"));
        assertEquals(3, TorchLogLevel.level(" fatal "));
        assertEquals(3, TorchLogLevel.level("3"));
    }

    @Test
    void anUnknownValueFallsBackToError() {
        assertEquals(2, TorchLogLevel.level("LOUD"));
        assertEquals(2, TorchLogLevel.level("7"));
    }
}
