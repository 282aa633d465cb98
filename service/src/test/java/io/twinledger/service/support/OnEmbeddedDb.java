package io.twinledger.service.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, with the demo users, on embedded PostgreSQL; without the demo
 * data feed, and without the demo's embedded MQTT broker, whose fixed port would clash with a demo
 * running on the machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // The demo feed is tested on its own (DemoFeedTest); here it would only add a year of readings.
    properties = {
      "twinledger.snapshot-threshold=10",
      "twinledger.twin.mqtt.embedded=false",
      "twinledger.demo.feed.enabled=false",
      // The demo's bonds place 1,000 token holders on the ledger and pay their coupons; bond tests
      // define their own.
      "twinledger.demo.bonds.enabled=false",
      // The demo's 56 households stay out; the test village below takes their place.
      "twinledger.demo.village.enabled=false",
      // A village of three households without a battery, so market tests can state exact
      // figures (VillageMarketTest); the demo's 56 would only add work.
      "twinledger.energy.households[0].id=household-01",
      "twinledger.energy.households[0].resident=resident",
      "twinledger.energy.households[1].id=household-02",
      "twinledger.energy.households[1].resident=resident02",
      "twinledger.energy.households[2].id=household-03",
      "twinledger.energy.households[2].resident=resident03",
      "twinledger.energy.settlement-lag=PT0S",
      "twinledger.energy.run-every=PT1H",
      // Test classes sharing this context refuse commands on purpose; each refused append leaves
      // a gap in the event store's global indexes, which the audit log's event feed waits out
      // (a minute by default) before appending later events.
      "twinledger.audit.gap-timeout=PT1S"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
public @interface OnEmbeddedDb {}
