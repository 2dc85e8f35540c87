package org.keyfob.cli.support;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * keyfob's exit codes, and the picocli hooks that produce them: 0 done, 1 refused (or failed),
 * 2 usage error. Scripts can rely on these three values.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command refused or failed; the reason is on standard error. */
    public static final int REFUSED = 1;
    /** The command line itself was wrong: unknown option, missing argument. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }

    /** Applies keyfob's exit codes and error printing to {@code commandLine}. */
    public static CommandLine install(CommandLine commandLine) {
        return commandLine
                .setExitCodeExceptionMapper(new Mapper())
                .setExecutionExceptionHandler(new RefusalPrinter());
    }

    private static final class Mapper implements IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable exception) {
            return exception instanceof CommandLine.ParameterException ? USAGE : REFUSED;
        }
    }

    /** Prints a refusal as one line; anything else is a bug and keeps its stack trace. */
    private static final class RefusalPrinter implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult)
                throws Exception {
            if (!(exception instanceof RefusedException)) {
                throw exception;
            }
            commandLine.getErr().println(commandLine.getCommandSpec().root().name() + ": " + exception.getMessage());
            commandLine.getErr().flush();
            return REFUSED;
        }
    }
}
