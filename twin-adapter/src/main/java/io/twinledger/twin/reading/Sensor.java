package io.twinledger.twin.reading;

/** One sensor: its sensor id within the source it reports through. */
public record Sensor(String source, String sensorId) {}
