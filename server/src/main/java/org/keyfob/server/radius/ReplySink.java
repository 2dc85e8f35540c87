package org.keyfob.server.radius;

/**
 * Where the answer to one request goes: a datagram back to its sender on UDP, a frame on the same
 * connection for RadSec. Called at most once per request, from a worker thread.
 */
@FunctionalInterface
public interface ReplySink {
    void send(byte[] response);
}
