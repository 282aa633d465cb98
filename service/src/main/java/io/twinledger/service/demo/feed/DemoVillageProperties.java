package io.twinledger.service.demo.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's village ({@code twinledger.demo.village.*}); only in demo mode.
 *
 * @param enabled whether the market runs with the sample village (its households, residents,
 *     battery and opening; {@code DemoVillageEnvironment}) and the feed sends its meters' readings
 *     (on in the demo profile)
 * @param leadIn how long before the market opens the village's meter readings begin; the feed sends
 *     none older than its own {@code history} either. Every slot the market clears needs the
 *     reading at its start, so at least one slot's worth
 */
@ConfigurationProperties("twinledger.demo.village")
public record DemoVillageProperties(
    @DefaultValue("false") boolean enabled, @DefaultValue("P31D") Duration leadIn) {

  public DemoVillageProperties {
    if (leadIn.compareTo(Duration.ofMinutes(15)) < 0) {
      throw new IllegalArgumentException(
          "twinledger.demo.village.lead-in must be at least PT15M (one slot), was " + leadIn);
    }
  }
}
