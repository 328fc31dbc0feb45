package io.branchline.engine.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods the router answers at a path, for the {@code Allow} header of a 405: Vert.x Web
 * answers 405 when a path is known under another method, but does not say which.
 */
final class AllowedMethods {

    private AllowedMethods() {
    }

    /** The methods of every route whose path matches {@code path}, HEAD wherever GET is, comma-separated. */
    static String at(Router router, String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String template = route.getPath();
            if (template == null || route.methods() == null || route.methods().isEmpty() || !matches(template, path)) {
                continue;
            }
            for (HttpMethod m : route.methods()) {
                methods.add(m.name());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return String.join(", ", methods);
    }

    private static boolean matches(String template, String path) {
        if (template.length() > 1 && template.endsWith("/")) {
            return path.startsWith(template); // Vert.x gives "/player/*" as "/player/"
        }
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=[:*/])")) {
            if (part.startsWith(":")) {
                regex.append("[^/]+");
            } else if (part.equals("*")) {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return path.matches(regex + "/?");
    }
}
