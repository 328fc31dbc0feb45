package io.branchline.engine.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} may carry: localhost, the address the server is bound to,
 * the names given with {@code --allow-host}, and any IP address. This stops DNS rebinding: a
 * page on a site whose name the attacker points at 127.0.0.1 reaches the server with its own
 * name as the Host, which is refused, so the page cannot read the studio from the author's
 * machine. An IP address cannot be rebound (a page's origin is then the address itself), so
 * viewers on the local network may use the server's address without naming it.
 */
final class HostAllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?]");

    private final Set<String> names = new TreeSet<>();

    /** {@code bound}: the address the server listens on; {@code extra}: further names (no port). */
    HostAllowList(String bound, List<String> extra) {
        names.add("localhost");
        if (bound != null && !bound.isBlank()) {
            names.add(bound.toLowerCase(Locale.ROOT));
        }
        extra.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    }

    /** Whether a request with this {@code Host} header (name, optional port) is answered. */
    boolean allows(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without a Host: no browser sends that, so no page can rebind it
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (IPV6.matcher(name).matches()) {
            return true;
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && !name.endsWith("]")) {
            String port = name.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit)) {
                return false;
            }
            name = name.substring(0, colon);
        } else if (name.startsWith("[")) {
            return IPV6.matcher(name.substring(0, name.lastIndexOf(']') + 1)).matches();
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return IPV4.matcher(name).matches() || IPV6.matcher(name).matches() || names.contains(name) || name.endsWith(".localhost");
    }

    /** The names allowed, for messages. */
    Set<String> names() {
        return names;
    }
}
