package io.branchline.engine.store;

import java.util.regex.Pattern;

/** The checks on what names a caller may use: a key is a content key, a name a plain file name. */
final class Names {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    // One path element of safe characters; no separators, and ".." is refused below.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    static String key(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("expected a content key of 64 lower-case hex characters, got '" + key + "'");
        }
        return key;
    }

    static String file(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("expected a plain file name, got '" + name + "'");
        }
        return name;
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
