package io.twinledger.twin.ngsild;

/**
 * The outcome of parsing one notification body: either it was read (possibly with some attributes
 * rejected), or the notification as a whole was unusable.
 */
public sealed interface NotificationParseResult permits ParsedNotification, RejectedNotification {}
