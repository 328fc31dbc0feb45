package io.branchline.renderer;

import java.util.Locale;

/**
 * A rung of the render ladder. Every tier of a visit has the same format, duration, segment
 * boundaries, sound and disclosure label, so segments of different tiers follow one another in
 * one stream; they differ in how much work went into the pictures.
 */
public enum RenderTier {
    /** The story's format at full quality. */
    FULL,
    /**
     * A cheaper render of the same visit, for when full quality cannot be ready in time:
     * generated and styled pictures are painted at a lower resolution and frame rate and scaled up.
     */
    DRAFT;

    /**
     * The content key of this tier of a visit whose full-tier key is {@code visitKey}: the full
     * tier keeps the visit's key, so keys of full renders are what they always were; other tiers
     * hash the tier into it.
     */
    public String key(String visitKey) {
        return this == FULL ? visitKey : ContentKey.sha256(visitKey + "|tier=" + wireName());
    }

    /** The tier's name on the wire, in metrics and in the studio: {@code full} or {@code draft}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named {@code full} or {@code draft}. */
    public static RenderTier parse(String name) {
        for (RenderTier t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown render tier '" + name + "'; expected full or draft");
    }

    /** Tiers from best to worst. */
    public boolean betterThan(RenderTier other) {
        return ordinal() < other.ordinal();
    }
}
