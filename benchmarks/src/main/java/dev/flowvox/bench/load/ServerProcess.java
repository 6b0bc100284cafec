// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code flowvox serve} process on a loopback port, started from this JVM's class path, so its
 * memory can be measured on its own ({@code /proc/PID/status}).
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and waits until its health check says SERVING.
     *
     * @param model bundle to serve
     * @param extraArgs further {@code flowvox serve} flags
     * @param log file receiving the server's output
     * @return the running server
     * @throws IOException if it cannot start or does not become healthy within a minute
     * @throws InterruptedException if interrupted while waiting
     */
    static ServerProcess start(Path model, List<String> extraArgs, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-cp", System.getProperty("java.class.path"), "dev.flowvox.cli.Main", "serve",
                "--model", model.toString(), "--port", Integer.toString(port), "--metrics-port", "0"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GLIBC_TUNABLES",
                "glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=4294967295");
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitHealthy(Duration.ofSeconds(60), log);
        return server;
    }

    /** The gRPC port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The operating system's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * The resident set size now and its peak so far ({@code VmRSS}, {@code VmHWM}), in MiB.
     *
     * @return {@code {current, peak}}, or NaNs where {@code /proc} is unavailable
     */
    double[] residentMebibytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        double current = Double.NaN;
        double peak = Double.NaN;
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    current = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {current, peak};
    }

    private static double kib(String line) {
        return Double.parseDouble(line.replaceAll("[^0-9]", ""));
    }

    private void awaitHealthy(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("flowvox serve exited with status " + process.exitValue() + "; see " + log);
            }
            ManagedChannel channel = LoadChannels.plaintext(port);
            try {
                HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                    return;
                }
            } catch (StatusRuntimeException notYet) {
                Thread.sleep(250);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        close();
        throw new IOException("flowvox serve did not become healthy within " + timeout.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server (SIGTERM, then forcibly after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
