/**
 * What every keyfob subcommand shares: the {@code --config} mixin, the exit codes and the
 * exception that turns a refusal into exit code 1 with a one-line message.
 *
 * <p>Nothing here prints by itself except through the command line's own writers
 * ({@code spec.commandLine().getOut()}/{@code getErr()}), so tests can capture all output.
 */
package org.keyfob.cli.support;
