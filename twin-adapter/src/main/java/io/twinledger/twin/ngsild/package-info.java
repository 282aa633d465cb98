/**
 * Reader for NGSI-LD notifications as FIWARE context brokers (Orion-LD, Stellio, Scorpio) POST them
 * to a subscriber.
 *
 * <p>{@link io.twinledger.twin.ngsild.NotificationParser} turns one notification body into numeric
 * {@link io.twinledger.twin.ngsild.ObservedAttribute observations}, attributes skipped because
 * their NGSI-LD type is not a measurement, and rejections that carry a one-line reason naming the
 * offending member and the raw JSON fragment. It never fetches an {@code @context}: it records
 * which one applied and compacts expanded attribute names itself. Units are passed through as sent;
 * their meaning is {@link io.twinledger.twin.unit}'s business.
 */
package io.twinledger.twin.ngsild;
