package io.branchline.engine.cli;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderTools;

/** The render tools the command line uses: the generator and styler chosen by configuration. */
final class Tools {

    private Tools() {
    }

    static RenderTools create() {
        return new RenderTools(
                () -> {
                    throw new RenderException("generate shots need the neural generator, which is not built in yet");
                },
                () -> {
                    throw new RenderException("style needs the neural styler, which is not built in yet");
                });
    }
}
