package io.twinledger.ledger.store;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's JDBC table and column names as created by the Flyway migration {@code
 * V1_0__axon_event_store.sql}. Axon's defaults are camelCase identifiers, which PostgreSQL would
 * fold to unreadable lower case, so TwinLedger names them in snake_case and tells Axon here.
 */
public final class AxonTables {

  private AxonTables() {}

  /** Event and snapshot tables. */
  public static EventSchema events() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .eventIdentifierColumn("event_identifier")
        .metaDataColumn("meta_data")
        .payloadColumn("payload")
        .payloadRevisionColumn("payload_revision")
        .payloadTypeColumn("payload_type")
        .timestampColumn("time_stamp")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .build();
  }

  /** Tracking-token table of the streaming processors. */
  public static TokenSchema tokens() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("timestamp")
        .setOwnerColumn("owner")
        .build();
  }
}
