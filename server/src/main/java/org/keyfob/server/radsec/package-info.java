/**
 * RADIUS over TLS (RadSec, RFC 6614): a TCP listener whose connections are TLS 1.2 or later with
 * a client certificate that must chain to the configured CA and match one configured client.
 * Each packet is cut from the stream by its Length field and handed to the same
 * {@link org.keyfob.server.radius.RequestIntake} as UDP datagrams, so the answers, counters and
 * audit are the same. Start with {@link org.keyfob.server.radsec.RadsecListener}. Not here: RADIUS
 * accounting, dynamic discovery (RFC 7585), DTLS, and reloading certificates without a restart.
 */
package org.keyfob.server.radsec;
