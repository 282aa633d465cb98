package io.twinledger.finance.model;

/** The KPIs of the demo assets (water district, stormwater site, road segments) and their units. */
final class DemoCatalog {

  static final KpiCatalog CATALOG =
      KpiCatalog.of(
          // water district dma-north-hill
          "system-input-volume", "MTQ",
          "billed-consumption", "MTQ",
          "unbilled-authorised", "MTQ",
          "apparent-losses", "MTQ",
          "night-flow", "MQH",
          "nrw-volume", "MTQ",
          "nrw-percent", "P1",
          "real-losses", "MTQ",
          "real-losses-night-flow", "MTQ",
          "uarl", "MTQ",
          "ili", "C62",
          // stormwater gi-rock-creek-a
          "rainfall-depth", "MMT",
          "runoff-volume", "MTQ",
          "overflow-volume", "MTQ",
          "runoff-reduction", "P1",
          "volume-captured", "MTQ",
          "cso-events", "C62",
          "cso-volume", "MTQ",
          // road segments road-a12-s01..
          "iri", "NX",
          "iri-share-above-limit", "P1",
          "rut-depth", "MMT",
          "pci", "C62",
          "pci-condition", "C62",
          "axle-load", "B47",
          "esal", "C62");

  private DemoCatalog() {}
}
