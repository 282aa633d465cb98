package io.twinledger.twin.mapping;

import java.util.Map;

/**
 * The bulk section: how import files are laid out and which of their attributes feed which KPI.
 *
 * @param columns the column names
 * @param attributes KPI bindings by the value of the attribute column
 */
record BulkImport(BulkColumns columns, Map<String, KpiBinding> attributes) {

  BulkImport {
    attributes = Map.copyOf(attributes);
  }
}
