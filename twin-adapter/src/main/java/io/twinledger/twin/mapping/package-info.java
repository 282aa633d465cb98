/**
 * Mapping configuration: which NGSI-LD entities, MQTT topics and bulk-file rows feed which asset
 * and KPI, in which unit, and within which physical limits.
 *
 * <p>{@link io.twinledger.twin.mapping.MappingConfig#load(java.nio.file.Path)} reads YAML (or JSON,
 * which is YAML too), checks all of it and reports every problem with its path, such as {@code
 * sources[2].attributes.waterConsumption.kpi: is required}. Lookups then answer where a reading
 * goes: {@link io.twinledger.twin.mapping.ReadingTarget} (asset, sensor, KPI binding).
 *
 * <p>Sensor ids follow one convention per channel, so that consecutive readings of one sensor can
 * be compared for spikes: the NGSI-LD entity id; the concrete MQTT topic, followed by {@code
 * /attribute} when the source maps several attributes; the bulk file's sensor column, or {@value
 * io.twinledger.twin.mapping.MappingConfig#BULK_SENSOR} without one.
 */
package io.twinledger.twin.mapping;
