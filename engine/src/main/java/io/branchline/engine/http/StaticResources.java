package io.branchline.engine.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves a file that ships on the classpath, read once. */
final class StaticResources {

    private StaticResources() {
    }

    static Handler<RoutingContext> resource(String name, String contentType) {
        Buffer body;
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the engine's classpath");
            }
            body = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ctx -> ctx.response().putHeader("Content-Type", contentType).end(body);
    }
}
