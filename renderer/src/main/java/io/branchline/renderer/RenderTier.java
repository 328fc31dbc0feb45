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
    DRAFT,
    /**
     * The last rung, for when even a draft would come too late (a machine with more new scenes
     * to start at once than it has cores): a draft that paints its pictures half as often again.
     */
    ROUGH;

    /**
     * The content key of this tier of a visit whose full-tier key is {@code visitKey}: the full
     * tier keeps the visit's key, so keys of full renders are what they always were; other tiers
     * hash the tier into it.
     */
    public String key(String visitKey) {
        return this == FULL ? visitKey : ContentKey.sha256(visitKey + "|tier=" + wireName());
    }

    /** The tier's name on the wire, in metrics and in the studio: {@code full}, {@code draft} or {@code rough}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named {@code full}, {@code draft} or {@code rough}. */
    public static RenderTier parse(String name) {
        for (RenderTier t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown render tier '" + name + "'; expected full, draft or rough");
    }

    /** Tiers from best to worst. */
    public boolean betterThan(RenderTier other) {
        return ordinal() < other.ordinal();
    }

    /** The next cheaper rung, or this one if it is the last. */
    public RenderTier cheaper() {
        RenderTier[] all = values();
        return ordinal() + 1 < all.length ? all[ordinal() + 1] : this;
    }
}
