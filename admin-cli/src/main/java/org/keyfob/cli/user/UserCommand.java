package org.keyfob.cli.user;

import picocli.CommandLine.Command;

/** {@code keyfob user}: the people who log in with tokens. */
@Command(name = "user", description = "Add, list and change users.",
        subcommands = {UserAddCommand.class, UserSetPinCommand.class, UserSetReplyCommand.class, UserListCommand.class,
            UserShowCommand.class, UserUnlockCommand.class, UserDeleteCommand.class})
public final class UserCommand {
}
