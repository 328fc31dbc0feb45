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

    /** As {@link #create()}, marking generated frames with the invisible watermark of {@code serverId} when present. */
    static RenderTools create(java.util.OptionalInt serverId) {
        return RenderTools.fromConfiguration(PromptPolicy.configured().version(), serverId);
    }

    /** As {@link #create(java.util.OptionalInt)}, with generated shots from the models folder {@code models} when not null. */
    static RenderTools create(java.util.OptionalInt serverId, java.nio.file.Path models) {
        return RenderTools.fromConfiguration(PromptPolicy.configured().version(), serverId, models);
    }
}
