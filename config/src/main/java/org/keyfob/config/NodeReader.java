package org.keyfob.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads from a SnakeYAML Engine node tree that collect problems instead of throwing. Every
 * problem is prefixed with {@code file:line:} (lines counted from 1) taken from the node's mark.
 * Each read returns empty when the node is unusable, so the caller falls back to a default and
 * keeps going; {@link #problems()} tells afterwards whether anything went wrong, in file order.
 * Not thread-safe.
 */
final class NodeReader {

    private final String fileName;
    private final List<Problem> problems = new ArrayList<>();

    private record Problem(int line, String message) {
    }

    NodeReader(String fileName) {
        this.fileName = fileName;
    }

    /** Every problem reported so far, sorted by line (stable, so one line keeps its order). */
    List<String> problems() {
        return problems.stream()
                .sorted(Comparator.comparingInt(Problem::line))
                .map(problem -> fileName + ":" + problem.line() + ": " + problem.message())
                .toList();
    }

    void problem(Node node, String message) {
        problems.add(new Problem(line(node), message));
    }

    /**
     * The entries of a mapping, keyed by name, in file order. Unknown and repeated keys are
     * reported; a missing or null section is an empty mapping, so every key takes its default.
     */
    Map<String, Node> mapping(Node node, String path, List<String> allowedKeys) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return entries;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, describeRoot(path) + " is " + describe(node) + "; expected a mapping with the keys "
                    + String.join(", ", allowedKeys));
            return entries;
        }
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problem(keyNode, "a key in " + describeRoot(path) + " is " + describe(keyNode)
                        + "; expected a plain name such as " + allowedKeys.get(0));
                continue;
            }
            String key = scalarKey.getValue();
            String fullName = path.isEmpty() ? key : path + "." + key;
            if (!allowedKeys.contains(key)) {
                problem(keyNode, "unknown key " + fullName + "; expected one of: "
                        + String.join(", ", allowedKeys));
            } else if (keyNodes.containsKey(key)) {
                problem(keyNode, fullName + " is set twice (first on line " + line(keyNodes.get(key))
                        + "); keep one");
            } else {
                keyNodes.put(key, keyNode);
                entries.put(key, tuple.getValueNode());
            }
        }
        return entries;
    }

    /** An integer within {@code min..max}; {@code what} names the expectation in messages. */
    Optional<Integer> integer(Node node, String name, int min, int max, String what) {
        Optional<ScalarNode> scalar = scalar(node, name, "an integer in " + min + ".." + max);
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        String text = scalar.get().getValue();
        if (!Tag.INT.equals(node.getTag())) {
            problem(node, name + " = " + text + " is not an integer; expected " + what + " in "
                    + min + ".." + max);
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(node, name + " = " + text + " is outside " + min + ".." + max);
            return Optional.empty();
        }
        return Optional.of(value.intValueExact());
    }

    /**
     * A non-empty scalar as text, whatever YAML would have typed it as ({@code data-dir: 2024} is
     * a path too); {@code what} says what kind of text, for the message.
     */
    Optional<String> text(Node node, String name, String what) {
        Optional<ScalarNode> scalar = scalar(node, name, what);
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        if (scalar.get().getValue().isBlank()) {
            problem(node, name + " is empty; expected " + what);
            return Optional.empty();
        }
        return Optional.of(scalar.get().getValue());
    }

    /** {@code true} or {@code false}; anything else is reported and gives empty. */
    Optional<Boolean> bool(Node node, String name) {
        Optional<ScalarNode> scalar = scalar(node, name, "true or false");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        if (!Tag.BOOL.equals(node.getTag())) {
            problem(node, name + " = " + scalar.get().getValue() + " is not true or false");
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(scalar.get().getValue()));
    }

    /** The items of a list; anything else is reported and gives empty. */
    Optional<List<Node>> sequence(Node node, String name, String example) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        if (isNull(node)) {
            problem(node, name + " has no value; expected a list such as " + example
                    + ", or remove the key to use the default");
            return Optional.empty();
        }
        problem(node, name + " is " + describe(node) + "; expected a list such as " + example);
        return Optional.empty();
    }

    private Optional<ScalarNode> scalar(Node node, String name, String expected) {
        if (isNull(node)) {
            problem(node, name + " has no value; expected " + expected
                    + ", or remove the key to use the default");
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar);
        }
        problem(node, name + " is " + describe(node) + "; expected " + expected);
        return Optional.empty();
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private static String describeRoot(String path) {
        return path.isEmpty() ? "the file" : path;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "the value " + ((ScalarNode) node).getValue();
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }
}
