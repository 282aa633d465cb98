package io.twinledger.ledger.asset.api;

import io.twinledger.finance.money.Money;
import java.math.BigDecimal;

/**
 * Parameters of a water district metered area (DMA), as the IWA water balance and the UARL formula
 * {@code (18 Lm + 0.8 Nc + 25 Lp) P} need them.
 *
 * @param mainsLengthKm Lm, length of mains in kilometres, greater than zero
 * @param serviceConnections Nc, number of service connections, zero or more
 * @param privatePipeLengthKm Lp, total length of private pipe between property line and customer
 *     meter in kilometres, zero or more
 * @param averagePressureM P, average operating pressure in metres of head, greater than zero
 * @param tariff the price of one cubic metre of billed water, zero or more
 */
public record WaterDistrictParameters(
    BigDecimal mainsLengthKm,
    Integer serviceConnections,
    BigDecimal privatePipeLengthKm,
    BigDecimal averagePressureM,
    Money tariff)
    implements AssetParameters {

  public WaterDistrictParameters {
    mainsLengthKm = Require.positive(mainsLengthKm, "mainsLengthKm");
    Require.atLeast(serviceConnections, 0, "serviceConnections");
    privatePipeLengthKm = Require.nonNegative(privatePipeLengthKm, "privatePipeLengthKm");
    averagePressureM = Require.positive(averagePressureM, "averagePressureM");
    if (Require.present(tariff, "tariff").amount().signum() < 0) {
      throw new InvalidFieldException("tariff.amount", "must not be negative, was " + tariff);
    }
  }

  @Override
  public AssetClass assetClass() {
    return AssetClass.WATER_DISTRICT;
  }
}
