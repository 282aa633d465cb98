package io.twinledger.service.twin;

import io.twinledger.twin.period.PeriodKind;
import java.time.Duration;
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
 */
@ConfigurationProperties("twinledger.twin")
public record TwinProperties(
    Optional<String> mapping,
    @DefaultValue("1048576") int maxNotificationBytes,
    @DefaultValue("1000") int maxEntities,
    @DefaultValue({"DAY", "MONTH"}) List<PeriodKind> periodKinds,
    @DefaultValue("PT1H") Duration closeGrace) {

  public TwinProperties {
    mapping = mapping == null ? Optional.empty() : mapping.filter(m -> !m.isBlank());
  }
}
