package io.branchline.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version the build wrote into {@code branchline-version.properties} (the Maven project version,
 * and the git commit when the build was told it): {@code branchline 0.1.0-SNAPSHOT (commit 12cf86b)}.
 */
final class Version implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/branchline-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"branchline " + text()};
    }

    /** "0.1.0-SNAPSHOT (commit 12cf86b)", or without the commit when the build did not know it. */
    static String text() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to what the manifest says
        }
        String version = usable(p.getProperty("version"));
        if (version == null) {
            version = usable(Main.class.getPackage().getImplementationVersion());
        }
        String commit = usable(p.getProperty("commit"));
        return (version == null ? "(version unknown: built without its version file)" : version)
                + (commit == null ? "" : " (commit " + commit + ")");
    }

    /** A value filtering left unfilled (still "${...}") or blank counts as absent. */
    private static String usable(String v) {
        return v == null || v.isBlank() || v.contains("${") || v.equals("unknown") ? null : v.trim();
    }
}
