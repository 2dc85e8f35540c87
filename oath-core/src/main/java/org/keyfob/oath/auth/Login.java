package org.keyfob.oath.auth;

import java.util.Optional;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.verify.ChapResponse;

/**
 * One login attempt: who, the password as the NAS sent it, the State of a challenge being
 * answered, how to split the password, which client asked, and for a CHAP login (RFC 2865 §5.3)
 * the CHAP response instead of a password (then {@code password} is empty). {@code toString}
 * hides the password.
 */
public record Login(String user, String password, Optional<String> state, PasswordMode mode, Actor client,
        Optional<ChapResponse> chap) {

    /** A PAP login: the password in clear. */
    public Login(String user, String password, Optional<String> state, PasswordMode mode, Actor client) {
        this(user, password, state, mode, client, Optional.empty());
    }

    /** A CHAP login. */
    public static Login chap(String user, ChapResponse chap, PasswordMode mode, Actor client) {
        return new Login(user, "", Optional.empty(), mode, client, Optional.of(chap));
    }

    @Override
    public String toString() {
        return "Login[" + user + ", " + mode.configName() + ", via " + client
                + state.map(s -> ", answering a challenge").orElse("") + (chap.isPresent() ? ", CHAP" : "") + "]";
    }
}
