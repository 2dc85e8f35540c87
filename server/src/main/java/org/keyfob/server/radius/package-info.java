/**
 * The RADIUS side of the server: Netty UDP bootstrap and its handlers.
 *
 * <p>{@link org.keyfob.server.radius.RadiusListener} binds one UDP channel per configured
 * address. {@link org.keyfob.server.radius.AccessHandler} runs on the event loop: it finds the
 * client in the {@link org.keyfob.server.radius.NasRegistry} and passes the datagram to
 * {@link org.keyfob.server.radius.RequestIntake}, which the RadSec listener shares: it decodes and
 * checks the packet, answers retransmissions from the transport's
 * {@link org.keyfob.server.radius.DuplicateCache}, and hands the login to
 * {@link org.keyfob.server.radius.RequestProcessor} on the worker pool, which asks oath-core's
 * Authenticator and turns its decision into Accept, Reject or Challenge. Handlers stay thin: no OTP
 * logic lives here; everything dropped or answered is counted in
 * {@link org.keyfob.server.radius.RadiusCounters}.
 */
package org.keyfob.server.radius;
