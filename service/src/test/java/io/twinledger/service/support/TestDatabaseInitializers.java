package io.twinledger.service.support;

import io.twinledger.ledger.store.TestDatabases;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Point each test application context at a database of its own on the target. Test classes with the
 * same configuration share one cached context and so one database; contexts that differ do not
 * share, since each runs the service's embedded peer, which refuses to share its channel's tables
 * with another.
 */
public final class TestDatabaseInitializers {

  private TestDatabaseInitializers() {}

  /** The embedded PostgreSQL started by the test JVM. */
  public static final class Embedded
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "twinledger.db.url=" + TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED))
          .applyTo(context);
    }
  }

  /** The server named by {@code TWINLEDGER_TEST_DB_URL}. */
  public static final class External
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "twinledger.db.url=" + TestDatabases.freshDatabase(TestDatabases.Target.EXTERNAL))
          .applyTo(context);
    }
  }
}
