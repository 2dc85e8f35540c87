-- Keyfob store, version 2: RADIUS reply attributes per user (Class, Filter-Id, vendor attributes...),
-- sent in the Access-Accept so a NAS or VPN can put the user in a group. Runs unchanged on H2 (2.x)
-- and PostgreSQL (12+). Names are dictionary names and values their text form, checked by whoever
-- writes them (keyfob user set-reply) and again by the server when it encodes them.
-- The value column is value_text because VALUE is a reserved word in H2.

CREATE TABLE user_reply_attributes (
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            VARCHAR(64) NOT NULL,
    value_text      VARCHAR(253) NOT NULL,
    PRIMARY KEY (user_id, position)
);
