package io.branchline.engine.cli;

import picocli.CommandLine;

/** Reports the version from the jar's manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"branchline " + (v == null ? "development" : v)};
    }
}
