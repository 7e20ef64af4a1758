package dev.groot.model.io;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the {@code key=value,key=value} option part of spec strings. */
final class Specs {

    private Specs() {
    }

    static Map<String, String> options(String args, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad " + what + " option '" + part + "' (expected key=value)");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }
}
