package org.keyfob.oath.store;

import java.time.Instant;

/**
 * The first half of a two-step login, kept in the store so that any server sharing it can take
 * the second step. {@code id} travels in the RADIUS State attribute; {@code data} is what the
 * second step needs (e.g. an OCRA challenge), never a PIN or code.
 */
public record PendingChallenge(String id, String user, Instant expires, String data) {
}
