// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A client in another language, run as a process that prints one JSON object per line. */
final class ExternalClient {

    private ExternalClient() {
    }

    /**
     * Checks that a program runs at all, naming how to install it otherwise.
     *
     * @param install the command that installs what is missing
     * @param command a quick command that fails when something is missing
     * @throws IOException if the process cannot start
     * @throws InterruptedException if interrupted
     */
    static void require(String install, String... command) throws IOException, InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " cannot run (" + e.getMessage() + "); run " + install, e);
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), String.join(" ", command) + " failed (" + output.strip() + "); run " + install);
    }

    /**
     * Runs a client to its end and parses what it printed.
     *
     * @param log where the client's standard error goes, shown if it fails
     * @param exitCode the exit code expected
     * @param command the client's command line
     * @return one object per line of standard output
     * @throws IOException if the process cannot start
     * @throws InterruptedException if interrupted
     */
    static List<JsonObject> run(Path log, int exitCode, String... command) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(3, TimeUnit.MINUTES), command[0] + " did not finish");
        assertEquals(exitCode, client.exitValue(), String.join(" ", command) + ":\n" + out + Files.readString(log));
        List<JsonObject> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            lines.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return lines;
    }
}
