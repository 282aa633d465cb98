package io.twinledger.service.twin;

import io.twinledger.twin.period.PeriodKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twin ingestion settings ({@code twinledger.twin.*}).
 *
 * @param mapping location of the mapping file, such as {@code file:config/twin-mapping.yaml} or
 *     {@code classpath:twin/riverton-mapping.yaml}; without one, ingestion endpoints answer 503
 * @param maxNotificationBytes largest NGSI-LD notification accepted
 * @param maxEntities most entities accepted in one notification
 * @param periodKinds the KPI periods closed and recorded on the assets
 * @param closeGrace how long after a period ends it is first closed, to let late readings in
 * @param mqtt the MQTT broker to subscribe to; without a host, only the embedded broker (if
 *     enabled) is subscribed to
 * @param deliveriesPerSecond notifications and imports each source may send per second, sustained
 * @param deliveryBurst deliveries a source may send at once before the rate applies
 * @param earliestObservation readings observed before this instant are quarantined, on every
 *     channel
 * @param review which readings are held for review before they close into a period
 */
@ConfigurationProperties("twinledger.twin")
public record TwinProperties(
    Optional<String> mapping,
    @DefaultValue("1048576") int maxNotificationBytes,
    @DefaultValue("1000") int maxEntities,
    @DefaultValue({"DAY", "MONTH"}) List<PeriodKind> periodKinds,
    @DefaultValue("PT1H") Duration closeGrace,
    @DefaultValue Mqtt mqtt,
    @DefaultValue("200") double deliveriesPerSecond,
    @DefaultValue("400") int deliveryBurst,
    @DefaultValue("2000-01-01T00:00:00Z") Instant earliestObservation,
    @DefaultValue Review review) {

  public TwinProperties {
    mapping = mapping == null ? Optional.empty() : mapping.filter(m -> !m.isBlank());
  }

  /**
   * MQTT subscription ({@code twinledger.twin.mqtt.*}). The topics are the mapping's topic filters.
   *
   * @param host the broker to subscribe to; when set, no embedded broker is started
   * @param clientId keep it stable: the broker holds this client's session across restarts
   * @param embedded without a {@code host}, start a broker inside the service and subscribe to it
   * @param embeddedPort the embedded broker's port on 127.0.0.1; not 1883, which a broker already
   *     running on the machine is likely to hold
   */
  public record Mqtt(
      Optional<String> host,
      @DefaultValue("1883") int port,
      @DefaultValue("twinledger") String clientId,
      Optional<String> username,
      Optional<String> password,
      @DefaultValue("false") boolean embedded,
      @DefaultValue("1884") int embeddedPort) {

    public Mqtt {
      host = host == null ? Optional.empty() : host.filter(h -> !h.isBlank());
      username = username == null ? Optional.empty() : username;
      password = password == null ? Optional.empty() : password;
    }
  }

  /**
   * The spike rule ({@code twinledger.twin.review.*}): a reading of one of {@code kpis} far outside
   * the KPI's recent distribution is held for review instead of closing into its period.
   *
   * @param kpis the measured KPIs the rule watches; none by default, since a KPI with bursts (rain,
   *     overflows) has no steady distribution to judge against
   * @param deviations how many scaled median absolute deviations from the median make a spike
   * @param lookback how far back before the period the recent distribution reaches
   * @param minSamples fewest recent readings for a judgement
   */
  public record Review(
      @DefaultValue({}) List<String> kpis,
      @DefaultValue("10") BigDecimal deviations,
      @DefaultValue("P28D") Duration lookback,
      @DefaultValue("96") int minSamples) {

    public Review {
      kpis = List.copyOf(kpis);
    }
  }
}
