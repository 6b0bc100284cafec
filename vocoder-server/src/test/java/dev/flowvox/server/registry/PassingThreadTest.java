// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

class PassingThreadTest {

    @Test
    void theWorkRunsOnANamedThreadThatHasEndedOnceTheResultIsBack() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();

        String result = PassingThread.call("flowvox-test-passing", () -> {
            ran.set(Thread.currentThread());
            return "done";
        });

        assertEquals("done", result);
        assertNotSame(Thread.currentThread(), ran.get());
        assertEquals("flowvox-test-passing", ran.get().getName());
        ran.get().join(5000);
        assertFalse(ran.get().isAlive(), "the thread, and with it its OpenMP pool, ends with the work");
    }

    @Test
    void whatTheWorkThrowsComesBackUnwrapped() {
        IOException thrown = new IOException("bundle not found");
        IOException caught = assertThrows(IOException.class, () -> PassingThread.call("flowvox-test-failing", () -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PassingThread.call("flowvox-test-refusing", () -> {
                    throw new IllegalArgumentException("two bundles share an id");
                }));
        assertEquals("two bundles share an id", refused.getMessage());
    }
}
