package io.twinledger.finance.model;

import java.math.BigDecimal;

/**
 * A model parameter an amount was computed with.
 *
 * @param name the parameter
 * @param value its value in the model version that computed the amount
 * @param unit its unit
 */
public record ParameterUse(String name, BigDecimal value, String unit) {}
