package io.twinledger.service.eventstore;

import io.twinledger.ledger.store.AxonTables;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon's JDBC event store on PostgreSQL: TwinLedger's table names, Spring-managed transactions
 * shared with the projections, Jackson 3 with a type allow-list, pooled streaming processors that
 * read it through {@link NotifyingEventSource}, and a command gateway that retries a command which
 * lost a race for its aggregate to another instance ({@link ConflictRetry}).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

  /** PostgreSQL's SQLSTATE for a unique-constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  @Bean
  TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
    return new SpringTransactionManager(transactionManager);
  }

  @Bean
  EventSchema eventSchema() {
    return AxonTables.events();
  }

  @Bean
  TokenSchema tokenSchema() {
    return AxonTables.tokens();
  }

  /**
   * Lets Axon recognise a duplicate aggregate id or sequence number, which PostgreSQL reports by
   * SQLSTATE rather than by the vendor error codes Axon's default resolver looks for.
   */
  @Bean
  PersistenceExceptionResolver persistenceExceptionResolver() {
    return new SQLStateResolver(UNIQUE_VIOLATION);
  }

  /**
   * Tracking tokens carry polymorphic fields (a replay token's context); only Axon's and
   * TwinLedger's own types may be named in stored JSON.
   */
  @Bean
  Jackson3SerializerCustomizer allowOwnTypesOnly() {
    return builder ->
        builder.polymorphicTypeValidator(
            BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("io.twinledger.")
                .build());
  }

  /**
   * The source of the pooled streaming processors ({@code axon.eventhandling.processors.*.source}
   * in {@code application.yml}): the event store, waking the processors when events arrive. With
   * {@code twinledger.event-store.notify-processors=false} it does not, and the processors look for
   * new events every 500 ms, as on the store itself.
   */
  @Bean
  NotifyingEventSource notifyingEventSource(
      EventStore eventStore,
      @Value("${twinledger.event-store.notify-processors:true}") boolean notifyProcessors) {
    return new NotifyingEventSource(eventStore, notifyProcessors);
  }

  /**
   * Axon's default gateway with {@link ConflictRetry}: up to 6 retries, 20 ms after the first
   * conflict and twice as long after each further one (at most 1.26 s in all).
   */
  @Bean(destroyMethod = "close")
  ConflictRetry conflictRetry() {
    return new ConflictRetry(Duration.ofMillis(20), 6);
  }

  @Bean
  CommandGateway commandGateway(CommandBus commandBus, ConflictRetry conflictRetry) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(conflictRetry)
        .build();
  }

  @Bean
  ConfigurerModule pooledStreamingProcessors() {
    return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors();
  }
}
