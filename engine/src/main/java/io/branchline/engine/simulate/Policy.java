package io.branchline.engine.simulate;

import java.util.Locale;

/** What a simulated render farm renders ahead of the viewers. */
public enum Policy {
    /** Only visits appended to a viewer's timeline. */
    ON_DEMAND,
    /** At each viewer's start, every visit reachable from the start (bounded). */
    EAGER,
    /** When a choice's visit is appended, every shown option's next visit, each with probability 1/n. */
    NEXT_LEVEL,
    /**
     * When a choice's visit is appended, the likeliest options with their predicted probabilities,
     * until 80% of predicted picks are covered ({@link SimOptions#predictiveCover()}).
     */
    PREDICTIVE;

    /** The name on the command line: {@code on-demand}, {@code next-level}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Policy parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
