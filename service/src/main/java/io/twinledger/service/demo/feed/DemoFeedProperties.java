package io.twinledger.service.demo.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo data feed ({@code twinledger.demo.feed.*}); it runs only in demo mode.
 *
 * @param enabled whether to feed generated readings (on in the demo profile)
 * @param seed the generator's seed: the same seed gives the same readings at the same times
 * @param history how far back the first run starts feeding
 * @param replay the most recent span fed over the live channels (MQTT, NGSI-LD) instead of as bulk
 *     files
 * @param tick pause between live feeding rounds
 * @param user the account whose HTTP Basic credentials sign NGSI-LD notifications (an operator)
 * @param password its password
 */
@ConfigurationProperties("twinledger.demo.feed")
public record DemoFeedProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("2016") long seed,
    @DefaultValue("P365D") Duration history,
    @DefaultValue("P1D") Duration replay,
    @DefaultValue("PT10S") Duration tick,
    @DefaultValue("operator") String user,
    @DefaultValue("operator") String password) {

  public DemoFeedProperties {
    if (history.isNegative() || replay.isNegative()) {
      throw new IllegalArgumentException(
          "twinledger.demo.feed.history and .replay must not be negative");
    }
    if (!tick.isPositive()) {
      throw new IllegalArgumentException("twinledger.demo.feed.tick must be positive");
    }
  }
}
