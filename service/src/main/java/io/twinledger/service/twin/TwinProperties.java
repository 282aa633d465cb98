package io.twinledger.service.twin;

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
 */
@ConfigurationProperties("twinledger.twin")
public record TwinProperties(
    Optional<String> mapping,
    @DefaultValue("1048576") int maxNotificationBytes,
    @DefaultValue("1000") int maxEntities) {

  public TwinProperties {
    mapping = mapping == null ? Optional.empty() : mapping.filter(m -> !m.isBlank());
  }
}
