package org.keyfob.oath.token;

/** A token as verification sees it: who it is, what it computes, its secret, status and state. */
public record Token(Serial serial, TokenSpec spec, Seed seed, TokenStatus status, TokenState state) {

    public Token withState(TokenState next) {
        return new Token(serial, spec, seed, status, next);
    }
}
