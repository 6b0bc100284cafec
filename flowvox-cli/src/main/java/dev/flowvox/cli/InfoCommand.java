package dev.flowvox.cli;

import dev.flowvox.core.model.BundleArchive;
import dev.flowvox.core.model.ModelBundle;
import dev.flowvox.core.model.ModelInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code flowvox info}: what a bundle holds. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model bundle.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() throws Exception {
        BundleArchive archive = BundleArchive.read(modelOption.resolve());
        ModelInfo info = ModelBundle.info(archive);
        System.out.println("bundle:      " + archive.source());
        System.out.println("description: " + info.provenance().description());
        System.out.println("created:     " + info.provenance().created());
        System.out.println("flow:        " + info.flow());
        System.out.println("mel:         " + info.mel());
        System.out.println("sigma:       " + info.trainingSigma() + " (training)");
        info.provenance().facts().forEach((name, value) -> System.out.println("  " + name + ": " + value));
        return 0;
    }
}
