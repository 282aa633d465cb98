package io.twinledger.twin.mqtt;

import java.util.List;

/**
 * Consumes a batch of messages. Returning normally means every message is durably handled (stored
 * or quarantined) and may be acknowledged to the broker; throwing means none is.
 */
@FunctionalInterface
public interface MqttBatchHandler {

  void handle(List<MqttMessage> messages) throws Exception;
}
