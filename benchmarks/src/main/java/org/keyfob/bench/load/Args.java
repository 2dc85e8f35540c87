package org.keyfob.bench.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} pairs; an unknown or repeated name is an error when it is read. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }

    double decimal(String name, double fallback) {
        return optional(name).map(Double::parseDouble).orElse(fallback);
    }
}
