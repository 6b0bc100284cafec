// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.server.VocoderServer;
import dev.flowvox.server.config.ServerConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vocoder server in a process of its own, for tests that kill it: {@link #start} launches this
 * class's {@link #main} in a new JVM with the test's class path, which serves a model on a free
 * loopback port and prints that port.
 */
final class ServerProcess implements AutoCloseable {

    private static final String READY = "port ";

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Serves a model until killed.
     *
     * @param args the model bundle's path
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        VocoderServer server = VocoderServer.create(ServerConfig.local(List.of(Path.of(args[0])))).start();
        System.out.println(READY + server.port());
        System.out.flush();
        server.awaitTermination();
    }

    /**
     * Launches a server process and waits until it listens.
     *
     * @param model the bundle to serve
     * @return the running process
     * @throws IOException if it cannot be started or exits before it listens
     */
    static ServerProcess start(Path model) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), ServerProcess.class.getName(), model.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(READY)) {
                return new ServerProcess(process, Integer.parseInt(line.substring(READY.length()).trim()));
            }
        }
        process.destroyForcibly();
        throw new IOException("the server process exited with status " + waitFor(process) + " before listening");
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** Kills the process without warning (SIGKILL), as a crash or an OOM kill would. */
    void kill() {
        process.destroyForcibly();
        waitFor(process);
    }

    @Override
    public void close() {
        kill();
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server process did not end within 30 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server process", e);
        }
    }
}
