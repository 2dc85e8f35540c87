/**
 * The RADIUS side of the server: Netty UDP bootstrap and its handlers.
 *
 * <p>{@link org.keyfob.server.radius.RadiusListener} binds one UDP channel per configured
 * address. For now every datagram is counted and dropped by
 * {@link org.keyfob.server.radius.DroppingHandler}; decoding Access-Requests and answering them
 * from oath-core's decisions comes in a later step. Handlers stay thin: no OTP logic lives here.
 */
package org.keyfob.server.radius;
