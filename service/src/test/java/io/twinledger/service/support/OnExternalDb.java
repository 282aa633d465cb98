package io.twinledger.service.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, with the demo users, on the PostgreSQL named by {@code
 * TWINLEDGER_TEST_DB_URL}; skipped when that variable is not set. The demo's embedded MQTT broker
 * is off, as in {@link OnEmbeddedDb}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(named = "TWINLEDGER_TEST_DB_URL", matches = ".+")
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
      // The demo's village clears its market slot by slot on the ledger; market tests set their
      // own.
      "twinledger.demo.village.enabled=false",
      // Test classes sharing this context refuse commands on purpose; each refused append leaves
      // a gap in the event store's global indexes, which the audit log's event feed waits out
      // (a minute by default) before appending later events.
      "twinledger.audit.gap-timeout=PT1S"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.External.class)
public @interface OnExternalDb {}
