/**
 * keyfobd, the Keyfob RADIUS server.
 *
 * <p>{@link org.keyfob.server.Keyfobd} is the entry point and the only place that wires objects
 * together: it reads the configuration ({@code config}), binds the listeners ({@code radius}, and {@code radsec} when configured) and
 * installs the shutdown hook. OTP logic does not live in this module; it comes from oath-core.
 * Only {@code Keyfobd} may read environment variables or system properties.
 */
package org.keyfob.server;
