package io.twinledger.service.support;

import io.twinledger.ledger.store.TestDatabases;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Point a test application context at one database per target and JVM, so test classes on the same
 * target share one cached context and one database.
 */
public final class TestDatabaseInitializers {

  private static final Map<TestDatabases.Target, String> URLS =
      new EnumMap<>(TestDatabases.Target.class);

  private TestDatabaseInitializers() {}

  /** The JDBC URL of this JVM's database on {@code target}, created on first use. */
  public static synchronized String url(TestDatabases.Target target) {
    return URLS.computeIfAbsent(target, TestDatabases::freshDatabase);
  }

  /** The embedded PostgreSQL started by the test JVM. */
  public static final class Embedded
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("twinledger.db.url=" + url(TestDatabases.Target.EMBEDDED))
          .applyTo(context);
    }
  }

  /** The server named by {@code TWINLEDGER_TEST_DB_URL}. */
  public static final class External
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("twinledger.db.url=" + url(TestDatabases.Target.EXTERNAL))
          .applyTo(context);
    }
  }
}
