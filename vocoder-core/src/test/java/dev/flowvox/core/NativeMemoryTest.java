// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes that compute with native arrays: one manager per class, closed after its tests. */
public abstract class NativeMemoryTest {

    /** The class's manager; open while its tests run. */
    protected static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
