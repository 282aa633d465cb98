package io.twinledger.market.simulation;

import io.twinledger.market.figures.CommunityFigures;
import java.time.YearMonth;

/**
 * One month's community figures (slots by their local start's month).
 *
 * @param month the month
 * @param figures its figures
 */
public record MonthFigures(YearMonth month, CommunityFigures figures) {}
