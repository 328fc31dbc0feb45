package io.branchline.engine.http;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The context class loader a plain (unclustered) Vert.x is built under: the same classes, but its
 * list of {@link VertxServiceProvider}s leaves out the cluster managers' (classes of
 * {@code io.vertx.spi.cluster.*}), which Vert.x would otherwise instantiate, and with them load
 * Hazelcast, in every Vert.x it builds. Vert.x falls back to its own class loader when the
 * context one lists no provider at all, so the engine lists one of its own, {@link Placeholder}, which does nothing.
 * A test (PlainServeLoadsNoClusterTest) checks that a plain {@code serve} loads no Hazelcast class.
 */
public final class NoClusterProviders extends ClassLoader {

    private static final String PROVIDERS = "META-INF/services/" + VertxServiceProvider.class.getName();

    NoClusterProviders(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!PROVIDERS.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            try (InputStream in = url.openStream()) {
                if (!new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("io.vertx.spi.cluster.")) {
                    kept.add(url);
                }
            }
        }
        return Collections.enumeration(kept);
    }

    /** A provider that does nothing: listed so that the look-up under this loader is never empty (see the class comment). */
    public static final class Placeholder implements VertxServiceProvider {
        @Override
        public void init(VertxBootstrap bootstrap) {
        }
    }
}
