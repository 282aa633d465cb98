package io.twinledger.twin.ngsild;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notification whose envelope was valid. Each attribute of each entity ends up in exactly one of
 * the three lists. Members that are not attributes are left out: {@code id}, {@code type}, the
 * JSON-LD context, {@code scope}, {@code createdAt}, {@code modifiedAt}, {@code deletedAt}, and the
 * entity-level timestamps {@code observedAt} and {@code dateObserved}, which only date the others.
 *
 * <p>Rejections include every Property that did not yield a number, mapped or not (a {@code name}
 * in text, an {@code address} object). The reading pipeline quarantines those whose attribute the
 * mapping resolves, and those without an attribute (a broken entity); it ignores the rest, and
 * names them in its report. Skipped attributes are treated alike: one the mapping binds is
 * quarantined, since a Relationship where a KPI is expected is a broken feed.
 *
 * @param notificationId the notification's {@code id}
 * @param subscriptionId the subscription that triggered it
 * @param notifiedAt when the broker sent it
 * @param context which JSON-LD {@code @context} applied to the terms
 * @param observations numeric Property values, in document order
 * @param skipped attributes whose NGSI-LD type is not a measurement (GeoProperty, Relationship, …)
 * @param rejections entities and attributes that could not be read, each with its reason
 */
public record ParsedNotification(
    String notificationId,
    String subscriptionId,
    Instant notifiedAt,
    JsonLdContext context,
    List<ObservedAttribute> observations,
    List<SkippedAttribute> skipped,
    List<AttributeRejection> rejections)
    implements NotificationParseResult {

  public ParsedNotification {
    Require.text(notificationId, "notificationId");
    Require.text(subscriptionId, "subscriptionId");
    Objects.requireNonNull(notifiedAt, "notifiedAt");
    Objects.requireNonNull(context, "context");
    observations = List.copyOf(observations);
    skipped = List.copyOf(skipped);
    rejections = List.copyOf(rejections);
  }
}
