/**
 * Twin adapter: NGSI-LD, MQTT and bulk-file readings become validated, unit-normalised KPI readings
 * and periods. Filled by issue 3; exposes ports that other modules implement.
 */
package io.twinledger.twin;
