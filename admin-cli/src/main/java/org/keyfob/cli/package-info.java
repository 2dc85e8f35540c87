/**
 * keyfob, the admin command line.
 *
 * <p>{@link org.keyfob.cli.KeyfobCommand} is the top command and the only place that wires
 * objects together or reads the environment. Subcommands (token, user, client, audit, key) will
 * each get a package of their own, one class per subcommand, kept thin: parse, call oath-core,
 * format. This module never depends on the server module. Shared options live in {@code support}.
 */
package org.keyfob.cli;
