// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowvox} command: every subcommand of the local CLI. */
@Command(name = "flowvox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Flow vocoder: synthesize speech from mel spectrograms and score audio by exact likelihood.",
        subcommands = {
            SpeakCommand.class,
            ImportWaveGlowCommand.class,
            MelCommand.class,
            VocodeCommand.class,
            ScoreCommand.class,
            InfoCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ChooseSigmaCommand.class,
            CalibrateCommand.class,
            CheckCommand.class,
            AnomalyEvalCommand.class,
            SpeedCommand.class,
            ModelCardCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new FriendlyErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
