package io.twinledger.service.demo.feed;

/** How a signal reaches the service when it is live; history always arrives as bulk files. */
public enum Channel {
  /** CSV files imported through the bulk path: billing exports, estimates and survey files. */
  BULK,
  /** Messages published with QoS 1 to the MQTT broker the service subscribes to. */
  MQTT,
  /** NGSI-LD notifications POSTed to the service's notification endpoint. */
  NGSI_LD
}
