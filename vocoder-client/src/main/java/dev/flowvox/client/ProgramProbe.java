// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** Whether an external program the client drives (espeak-ng, ffmpeg) runs on this machine. */
public final class ProgramProbe {

    private static final long TIMEOUT_SECONDS = 10;

    private ProgramProbe() {
    }

    /**
     * Runs a quick command of the program, such as its version query, output discarded.
     *
     * @param command the program and its arguments
     * @return true if it started and exited with 0 within 10 s
     */
    public static boolean runs(String... command) {
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            return probe.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
