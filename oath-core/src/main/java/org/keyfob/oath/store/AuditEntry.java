package org.keyfob.oath.store;

/** An audit event as stored, with its id: ids only grow, so {@code --follow} asks for ids after one. */
public record AuditEntry(long id, AuditEvent event) {
}
