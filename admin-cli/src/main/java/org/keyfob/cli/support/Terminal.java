package org.keyfob.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, which Java cannot ask directly. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when there is a console (standard input and output are terminals) and, where Linux
     * shows it, file descriptor 2 is a terminal device too: {@code keyfob ... 2>log} is not.
     */
    static boolean standardErrorIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
