// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * One {@code flowvox} command run in this JVM, as a user would type it, with what it printed.
 *
 * @param status exit status
 * @param out standard output
 * @param err standard error
 */
record CliRun(int status, String out, String err) {

    /**
     * Runs a command line.
     *
     * @param args the arguments after {@code flowvox}
     * @return its status and output
     */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
