package io.branchline.engine.cluster;

/**
 * The version an engine and its render nodes must share: the jar's own version ("development"
 * when run from classes). {@code -Dbranchline.clusterVersion} overrides it, for tests of a refusal.
 */
public final class ClusterVersion {

    private ClusterVersion() {
    }

    public static String current() {
        String forced = System.getProperty("branchline.clusterVersion");
        if (forced != null) {
            return forced;
        }
        String v = ClusterVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
