package io.twinledger.service.demo.village;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In demo mode with {@code twinledger.demo.village.enabled}, configures the market with the sample
 * village ({@link SampleVillage}): its households and residents, the battery and the opening, which
 * depends on today's date and so cannot be written in {@code application-demo.yml}. The properties
 * go last, below every other source: a {@code twinledger.energy.*} property set anywhere else (the
 * command line, a file) wins over the sample's.
 */
public class DemoVillageEnvironment implements EnvironmentPostProcessor {

  /** The name of the property source added. */
  static final String SOURCE = "twinledger-demo-village";

  /** {@code MarketProperties}' default zone, in which the opening's month is cut. */
  private static final String DEFAULT_ZONE = "Asia/Seoul";

  private final Clock clock;

  public DemoVillageEnvironment() {
    this(Clock.systemUTC());
  }

  DemoVillageEnvironment(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    boolean demo = environment.getProperty("twinledger.demo.enabled", Boolean.class, false);
    boolean village =
        environment.getProperty("twinledger.demo.village.enabled", Boolean.class, false);
    if (!demo || !village) {
      return;
    }
    ZoneId zone = ZoneId.of(environment.getProperty("twinledger.energy.zone", DEFAULT_ZONE));
    Map<String, Object> properties =
        new LinkedHashMap<>(SampleVillage.marketProperties(clock.instant(), zone));
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
  }
}
