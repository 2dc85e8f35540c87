package org.keyfob.config;

import java.util.List;

/**
 * The configuration file cannot be used. Carries every problem found, each already phrased for
 * an admin as {@code file:line: what, expected, what to do}; the message lists them one a line.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in file order, at least one. */
    public List<String> problems() {
        return problems;
    }
}
