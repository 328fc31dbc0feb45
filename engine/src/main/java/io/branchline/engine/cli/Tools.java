package io.branchline.engine.cli;

import io.branchline.engine.policy.PromptPolicy;
import io.branchline.renderer.RenderTools;

/** The render tools the command line uses: the generator and styler that configuration chooses. */
final class Tools {

    private Tools() {
    }

    static RenderTools create() {
        return RenderTools.fromConfiguration(PromptPolicy.configured().version());
    }
}
