package io.twinledger.service.twin;

import io.twinledger.twin.ngsild.BrokerSubscriptions;
import io.twinledger.twin.ngsild.SubscriptionRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The subscriptions this service created on NGSI-LD context brokers ({@code POST
 * /api/v1/twin/ngsi-ld/subscriptions}), remembered in memory for operators: a restart forgets the
 * list, not the subscriptions, which live on the brokers. What the brokers then delivered shows in
 * the ingestion activity of the {@code ngsi-ld:} sources.
 */
@Component
public class NgsiLdSubscriptions {

  /** Subscriptions remembered at most; the oldest is forgotten first. */
  static final int REMEMBERED = 100;

  /**
   * A subscription created on a broker.
   *
   * @param id the subscription's id
   * @param broker the broker's base URL
   * @param tenant the tenant subscribed in, if not the default
   * @param location the subscription on the broker
   * @param notifications where the broker sends its notifications
   * @param createdAt when it was created
   */
  public record Subscription(
      String id,
      URI broker,
      Optional<String> tenant,
      URI location,
      URI notifications,
      Instant createdAt) {}

  private final BrokerSubscriptions brokers = new BrokerSubscriptions();
  private final Clock clock = Clock.systemUTC();
  private final List<Subscription> created = new ArrayList<>();

  /**
   * Creates the subscription on the broker and remembers it.
   *
   * @return its location on the broker
   * @throws IllegalStateException with the broker's answer when it refuses or cannot be reached
   */
  public URI create(URI broker, Optional<String> tenant, SubscriptionRequest subscription) {
    URI location = brokers.create(broker, tenant, subscription);
    synchronized (created) {
      if (created.size() == REMEMBERED) {
        created.removeFirst();
      }
      created.add(
          new Subscription(
              subscription.id(),
              broker,
              tenant,
              location,
              subscription.notificationUri(),
              clock.instant()));
    }
    return location;
  }

  /** The subscriptions created since the service started, the latest first. */
  public List<Subscription> created() {
    synchronized (created) {
      return List.copyOf(created.reversed());
    }
  }
}
