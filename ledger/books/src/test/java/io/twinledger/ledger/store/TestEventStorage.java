package io.twinledger.ledger.store;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon's JDBC event storage on TwinLedger's tables, set up by hand as the service's {@code
 * EventStoreConfiguration} has Spring Boot set it up: for tests and benchmarks that run Axon
 * without Spring Boot.
 */
public final class TestEventStorage {

  /** PostgreSQL's SQLSTATE for a unique-constraint violation: a duplicate event, to Axon. */
  private static final String UNIQUE_VIOLATION = "23505";

  private TestEventStorage() {}

  /** Jackson 3, naming only Axon's and TwinLedger's types in stored JSON. */
  public static Serializer serializer() {
    return Jackson3Serializer.builder()
        .jsonMapperBuilderCustomizer(
            b ->
                b.polymorphicTypeValidator(
                    BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("io.twinledger.")
                        .build()))
        .build();
  }

  /**
   * A storage engine on the migrated database behind {@code dataSource}, in the transactions of
   * {@code transactions}, serialising with {@link #serializer()}.
   */
  public static JdbcEventStorageEngine engine(
      DataSource dataSource, TransactionManager transactions) {
    Serializer serializer = serializer();
    return JdbcEventStorageEngine.builder()
        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
        .transactionManager(transactions)
        .schema(AxonTables.events())
        .eventSerializer(serializer)
        .snapshotSerializer(serializer)
        .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
        .build();
  }
}
