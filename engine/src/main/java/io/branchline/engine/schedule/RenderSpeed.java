package io.branchline.engine.schedule;

import io.branchline.renderer.RenderTier;
import java.util.EnumMap;
import java.util.Map;

/**
 * How fast renders go on this machine now, per tier: the ratio of the time a render actually
 * took to its reference cost ({@link VisitCost}), smoothed over the latest segments. A loaded or
 * slower machine shows a ratio above 1, a faster one below. Starts at 1 (the reference machine)
 * until something was measured. Plain and single-threaded, like the scheduler that holds it.
 *
 * <p>Each measurement is kept together with the cores other programs left free while it was
 * made ({@link FreeCores}); the ratio now is scaled by how many are free now against then. So a
 * browser or a busy loop that starts beside the engine raises every estimate within a second,
 * not several segments later, and one that stops lowers them again.
 */
public final class RenderSpeed {

    /** Weight of the newest measurement: about the last five segments count. */
    static final double ALPHA = 0.3;
    /** Ratios outside this range are clamped: a measurement that far off is a stall of some other kind. */
    static final double MIN_RATIO = 0.05;
    static final double MAX_RATIO = 50;
    /** Fewer free cores than this count as this many: the estimate of a starved machine stays finite. */
    static final double MIN_FREE = 0.25;

    private final Map<RenderTier, Double> ratio = new EnumMap<>(RenderTier.class);
    private final FreeCores free;

    /** A speed that knows nothing of other programs. */
    public RenderSpeed() {
        this(FreeCores.NONE);
    }

    public RenderSpeed(FreeCores free) {
        this.free = free;
    }

    /** A render at {@code tier} took {@code actualMs} for what costs {@code referenceMs} on the reference machine. */
    public void measured(RenderTier tier, double referenceMs, double actualMs) {
        if (referenceMs <= 0 || actualMs < 0) {
            return;
        }
        double r = Math.max(MIN_RATIO, Math.min(MAX_RATIO, actualMs / referenceMs));
        // Kept as "ratio x free cores": what the same work costs per free core, whatever the load.
        double perFreeCore = r * freeNow();
        Double old = ratio.get(tier);
        ratio.put(tier, old == null ? perFreeCore : old + ALPHA * (perFreeCore - old));
    }

    /**
     * The ratio now for {@code tier}. A tier not measured yet borrows the ratio of the nearest
     * tier that was, the better one first (the machine's load shows in every tier), else 1 on a
     * machine as free as when measured.
     */
    public double ratio(RenderTier tier) {
        Double own = null;
        RenderTier[] tiers = RenderTier.values();
        for (int d = 0; own == null && d < tiers.length; d++) {
            for (int i : new int[] {tier.ordinal() - d, tier.ordinal() + d}) {
                if (own == null && i >= 0 && i < tiers.length) {
                    own = ratio.get(tiers[i]);
                }
            }
        }
        if (own == null) {
            return 1.0;
        }
        return Math.max(MIN_RATIO, Math.min(MAX_RATIO, own / freeNow()));
    }

    /** How long something of reference cost {@code referenceMs} would take at {@code tier} now. */
    public double estimateMs(RenderTier tier, double referenceMs) {
        return referenceMs * ratio(tier);
    }

    /** The cores free now; 1 when not known, so that measurements alone count. */
    private double freeNow() {
        double f = free.now();
        return Double.isNaN(f) ? 1.0 : Math.max(MIN_FREE, f);
    }
}
