// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns the expected failures (bad input files, bad arguments, a server's refusal or absence) into one
 * clear line on stderr and exit status 1; anything else keeps its stack trace, because it is a bug.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
            commandLine.getErr().println("flowvox " + commandLine.getCommandName() + ": " + describe(cause));
            return 1;
        }
        if (cause instanceof StatusRuntimeException refused) {
            Status status = refused.getStatus();
            String said = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
            commandLine.getErr().println("flowvox " + commandLine.getCommandName() + ": "
                    + (status.getCode() == Status.Code.UNAVAILABLE
                            ? "no server answered (" + said + "); is it running at that address, with TLS if it uses TLS?"
                            : "the server answered " + said));
            return 1;
        }
        commandLine.getErr().println("flowvox " + commandLine.getCommandName() + ": internal error, please report:");
        e.printStackTrace(commandLine.getErr());
        return 2;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return (missing.getReason() == null ? "no such file" : missing.getReason()) + ": " + missing.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
