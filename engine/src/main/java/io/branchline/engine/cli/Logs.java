package io.branchline.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The command line's logging: only warnings and errors, one line each ("branchline: WARNING: ..."),
 * instead of the JDK's two-line records at INFO on every start. A logging configuration of the
 * user's own ({@code -Djava.util.logging.config.file} or {@code .class}) is left alone;
 * {@code -Dbranchline.log=INFO} shows the informational lines again.
 */
final class Logs {

    private Logs() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        // Hazelcast logs through java.util.logging too once told so (its default would look for other frameworks first).
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "jdk");
        }
        try (InputStream in = Logs.class.getResourceAsStream("/branchline-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException | SecurityException e) {
            return;   // the JDK's defaults stay: noisier, not wrong
        }
        String level = System.getProperty("branchline.log");
        if (level != null) {
            try {
                Logger.getLogger("").setLevel(Level.parse(level.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                System.err.println("branchline: -Dbranchline.log takes SEVERE, WARNING, INFO, FINE or ALL, not '" + level + "'");
            }
        }
    }
}
