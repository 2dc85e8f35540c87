package org.keyfob.oath.auth;

import java.util.Optional;
import org.keyfob.oath.store.Actor;

/**
 * One login attempt: who, the password as the NAS sent it, the State of a challenge being
 * answered, how to split the password, and which client asked. {@code toString} hides the password.
 */
public record Login(String user, String password, Optional<String> state, PasswordMode mode, Actor client) {

    @Override
    public String toString() {
        return "Login[" + user + ", " + mode.configName() + ", via " + client
                + state.map(s -> ", answering a challenge").orElse("") + "]";
    }
}
