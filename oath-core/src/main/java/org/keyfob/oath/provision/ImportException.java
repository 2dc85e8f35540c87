package org.keyfob.oath.provision;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An import file that cannot be taken as a whole: every problem found (up to a cap), so the admin
 * fixes them all in one go. Nothing was stored.
 */
public class ImportException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Problems collected before giving up on a file. */
    public static final int MAX_PROBLEMS = 100;

    private final transient List<ImportProblem> problems;

    public ImportException(List<ImportProblem> problems) {
        super(problems.size() + " problem(s):\n" + problems.stream().map(ImportProblem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
