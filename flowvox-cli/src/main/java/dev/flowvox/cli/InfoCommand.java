// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.CalibrationSection;
import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;
import dev.flowvox.core.model.SynthesisDefaults;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code flowvox info}: what a bundle holds. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model bundle.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() throws Exception {
        BundleArchive archive = BundleArchive.read(modelOption.resolve());
        ModelInfo info = ModelBundle.info(archive);
        spec.commandLine().getOut().println("bundle:      " + archive.source());
        spec.commandLine().getOut().println("description: " + info.provenance().description());
        spec.commandLine().getOut().println("created:     " + info.provenance().created());
        spec.commandLine().getOut().println("flow:        " + ModelDescription.flow(info));
        spec.commandLine().getOut().println("mel:         " + ModelDescription.mel(info.mel()));
        SynthesisDefaults synthesis = SynthesisDefaults.read(archive);
        spec.commandLine().getOut().println("sigma:       " + info.trainingSigma() + " (training), " + synthesis.sigma()
                + " (synthesis default: " + synthesis.basis() + ")");
        spec.commandLine().getOut().println("refinement:  " + synthesis.refinementPasses()
                + " mel refinement passes by default (flowvox vocode --refine PASSES chooses others)"
                + (synthesis.setsVoicedGain(info.flow().pitchPrediction())
                        ? "; refined synthesis continues voiced periods with gain "
                        + synthesis.voicedGain() + " (training: " + info.flow().pitchPrediction().voicedGain() + ")"
                        : ""));
        info.provenance().facts().forEach((name, value) -> spec.commandLine().getOut().println("  " + name + ": " + value));
        spec.commandLine().getOut().println("calibration: " + CalibrationSection.read(archive).map(InfoCommand::describe)
                .orElse("none (anomaly checks need one: flowvox calibrate)"));
        return 0;
    }

    private static String describe(Calibration calibration) {
        return String.format(Locale.ROOT, "%.2f s segments bounding %s; whole clips bounding %s; threshold %.3f; "
                + "fitted on %s; false positives %s", calibration.segmentSeconds(), calibration.featureNames(),
                calibration.clipBounds().isEmpty() ? "nothing" : calibration.clipBounds().names(), calibration.threshold(),
                calibration.provenance().data(), calibration.provenance().falsePositiveSummary());
    }
}
