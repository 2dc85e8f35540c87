package org.keyfob.oath.provision.pskc;

import java.util.ArrayList;
import java.util.List;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportProblem;

/**
 * The problems of one file, up to {@link ImportException#MAX_PROBLEMS}, each located as
 * {@code file: KeyPackage N (serial S), element E} or, outside packages, {@code file: element E (line L)}.
 */
final class Problems {
    private final String file;
    private final List<ImportProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void inFile(String element, int line, String message) {
        add(new ImportProblem(file + ": element " + element + (line > 0 ? " (line " + line + ")" : ""), message));
    }

    void inPackage(RawKeyPackage raw, String element, String message) {
        add(new ImportProblem(packageName(raw) + ", element " + element, message));
    }

    /** {@code file: KeyPackage N (serial S)}; KeyPackages count from 1. */
    String packageName(RawKeyPackage raw) {
        return file + ": KeyPackage " + raw.index + raw.serial().map(s -> " (serial " + s + ")").orElse(" (no serial)");
    }

    private void add(ImportProblem problem) {
        if (list.size() < ImportException.MAX_PROBLEMS) {
            list.add(problem);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    boolean isFull() {
        return list.size() >= ImportException.MAX_PROBLEMS;
    }

    /** Refuses the whole file if anything was wrong; says so when reading stopped at the cap. */
    void throwIfAny(boolean stoppedEarly) throws ImportException {
        if (list.isEmpty()) {
            return;
        }
        List<ImportProblem> all = new ArrayList<>(list);
        if (stoppedEarly && isFull()) {
            all.add(new ImportProblem(file, "stopped after " + ImportException.MAX_PROBLEMS
                    + " problems; there may be more after these"));
        }
        throw new ImportException(all);
    }
}
