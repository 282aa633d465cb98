package io.twinledger.market.simulation.tariff;

import java.time.Month;

/**
 * The retail tariff's seasons, by month as KEPCO's tariffs split the year: summer June–August,
 * winter November–February, spring and autumn (March–May, September–October) the rest.
 */
public enum TouSeason {
  SUMMER,
  SPRING_AUTUMN,
  WINTER;

  /** The season of a month. */
  public static TouSeason of(Month month) {
    return switch (month) {
      case JUNE, JULY, AUGUST -> SUMMER;
      case NOVEMBER, DECEMBER, JANUARY, FEBRUARY -> WINTER;
      default -> SPRING_AUTUMN;
    };
  }
}
