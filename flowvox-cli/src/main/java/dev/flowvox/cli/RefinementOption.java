// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.core.model.SynthesisDefaults;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.synth.MelRefinement;
import dev.flowvox.core.synth.Synthesizer;

import picocli.CommandLine.Option;

/** The {@code --refine} option shared by the commands that synthesize. */
class RefinementOption {

    @Option(names = "--refine", paramLabel = "PASSES",
            description = "mel refinement passes after the flow, 0 (off) to " + MelRefinement.MAX_PASSES
                    + ": each gives the audio the magnitudes its mel asks for and keeps the flow's phases "
                    + "(default: the model's recommendation, see `flowvox info`)")
    Integer passes;

    /**
     * The passes to synthesize with.
     *
     * @param defaults the model's recommendation
     * @return the option's value, or the recommendation without it
     * @throws IllegalArgumentException if the option is outside 0 to {@value MelRefinement#MAX_PASSES}
     */
    int resolve(SynthesisDefaults defaults) {
        return defaults.refinementPassesOr(requested());
    }

    /**
     * The model's synthesizer with the passes to synthesize with.
     *
     * @param model the loaded model
     * @return its synthesizer, refining as {@link #resolve} says
     * @throws IllegalArgumentException if the option is outside 0 to {@value MelRefinement#MAX_PASSES}
     */
    Synthesizer synthesizer(VocoderModel model) {
        return model.synthesizer().withRefinement(resolve(model.synthesisDefaults()));
    }

    /**
     * @return the option's value, or null when it was not given (the server applies the model's own)
     * @throws IllegalArgumentException if the option is outside 0 to {@value MelRefinement#MAX_PASSES}
     */
    Integer requested() {
        if (passes != null && (passes < 0 || passes > MelRefinement.MAX_PASSES)) {
            throw new IllegalArgumentException("--refine " + passes + "; expected 0 to " + MelRefinement.MAX_PASSES);
        }
        return passes;
    }
}
