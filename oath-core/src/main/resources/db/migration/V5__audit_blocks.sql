-- A serving keyfobd on the embedded store writes the audit events of its logins a block at a
-- time: one row holds up to 2,000 events of one checkpoint, with their ids, compressed. A row
-- per event cost H2 about 10 KB of copied B-tree pages each, the larger
-- part of the server's CPU and garbage at thousands of logins a second. Ids come from the same
-- sequence as the audit table's (the writer moves its identity past them), so events of both
-- tables read back as one log ordered by id.
CREATE TABLE audit_block (
    first_id        BIGINT PRIMARY KEY,
    last_id         BIGINT NOT NULL,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    events          INTEGER NOT NULL,
    data            BYTEA NOT NULL
);
CREATE INDEX audit_block_last_id ON audit_block (last_id);
