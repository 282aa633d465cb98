package io.twinledger.service.calc;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.finance.bond.BondPrice;
import io.twinledger.finance.bond.BondYield;
import io.twinledger.finance.bond.InvalidBondDatesException;
import io.twinledger.finance.bond.YieldResult;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.InvalidObservationException;
import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.bond.terms.TermsError;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.valuation.Irr;
import io.twinledger.finance.valuation.Rate;
import io.twinledger.finance.valuation.RootResult;
import io.twinledger.finance.valuation.Xirr;
import io.twinledger.finance.valuation.Xnpv;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.clearing.Clearing;
import io.twinledger.market.clearing.InvalidBookException;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stateless financial calculators with Excel semantics, computed by finance-models. Nothing is
 * stored. Inputs are JSON numbers read as exact decimals; every number in a response is rounded
 * half-even to {@value CalcResults#DECIMALS} decimal places, except money (payout allocations, bond
 * payments), written as decimal strings with the currency's minor unit.
 */
@RestController
@RequestMapping("/api/v1/calc")
@Tag(
    name = "Calculators",
    description =
        "XNPV, XIRR, IRR, year fractions, bond price and yield with Excel semantics, and the"
            + " exact split of a payout among token holders, and a bond's payments from its terms."
            + " Numbers are read as exact decimals (never binary floating point); every number in"
            + " a response is rounded half-even to 10 decimal places, except payout allocations"
            + " and bond payments, decimal strings in the currency's minor unit.")
public class CalcController {

  private static final String NO_UNIQUE_RATE =
      "no-rate, multiple-rates (with roots) or undetermined-rate: no single rate answers";
  private static final String PRECISION =
      " Every number in the response is rounded half-even to 10 decimal places.";

  @PostMapping("/xnpv")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Net present value of dated cash flows (Excel XNPV)",
      description =
          "Σ amount / (1 + rate)^(days from the first flow's date / 365). rate is per year, above"
              + " -1; at least one flow, none dated before the first. The value is in the flows'"
              + " currency and is not rounded to its minor unit."
              + PRECISION)
  public CalcResults.Value xnpv(@RequestBody CalcRequests.XnpvBody body) {
    Rate rate = CalcRequests.discountRate(body);
    var flows = CalcRequests.flows(body.flows(), 1);
    try {
      return CalcResults.Value.of(Xnpv.of(rate, flows));
    } catch (ArithmeticException e) {
      throw new InvalidFieldException(
          "rate", "gives discount factors out of range over these dates: " + e.getMessage());
    }
  }

  @PostMapping("/payout-allocation")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Split a payout among token holders exactly (largest remainder)",
      description =
          "Each holder gets amount × units / total units rounded down to the currency's minor"
              + " unit; the minor units left over go one each to the largest remainders, ties to"
              + " the smaller holder id. The allocations sum exactly to the amount. amount is a"
              + " decimal string, a whole number of minor units, not negative; 1 to 100,000"
              + " holdings, each holder once, units positive. Amounts are returned as decimal"
              + " strings with the currency's minor units, in the order of the holdings.")
  public CalcResults.Allocations payoutAllocation(
      @RequestBody CalcRequests.PayoutAllocationBody body) {
    Money amount = CalcRequests.payoutAmount(body);
    return CalcResults.Allocations.of(
        amount, PayoutAllocation.allocate(amount, CalcRequests.holdings(body)));
  }

  @PostMapping(
      path = "/bond-payments",
      consumes = {MediaType.APPLICATION_JSON_VALUE, BondPaymentsRequest.YAML_TYPE})
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "A bond's payments from its terms and KPI observations",
      description =
          "Body {\"terms\": {…bond terms, docs/bonds.md…}, \"observations\": [{\"kpi\","
              + " \"date\", \"value\"}, …]}, in JSON or YAML (application/yaml): coupons,"
              + " principal and every performance payment the observations decide (outcome tiers,"
              + " coupon step-up, availability payment, per-unit payment), each with date, kind,"
              + " payer, payee, amount (a decimal string"
              + " with the currency's minor unit, per the whole face), record date and the rule"
              + " that produced it; pending lists the performance payments still waiting for an"
              + " observation, determinations what each feature decided (including no payment)."
              + " A monthly KPI is dated the first day of its month. Values are exact decimals;"
              + " at most 10,000 observations, each KPI and date once. Terms errors are a 400"
              + " listing every problem with its path (terms.features[0].tiers[1].lower).")
  public CalcResults.BondPaymentsResult bondPayments(
      @RequestHeader("Content-Type") MediaType contentType, @RequestBody String body) {
    BondPaymentsRequest request =
        contentType.isCompatibleWith(MediaType.parseMediaType(BondPaymentsRequest.YAML_TYPE))
            ? BondPaymentsRequest.fromYaml(body)
            : BondPaymentsRequest.fromJson(body);
    try {
      return CalcResults.BondPaymentsResult.of(
          request.terms(), BondPayments.schedule(request.terms(), request.observations()));
    } catch (InvalidObservationException e) {
      throw new InvalidFieldException("observations[" + e.index() + "]", e.reason());
    }
  }

  @PostMapping("/clear")
  @RolesAllowed({Roles.RESIDENT, Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @Operation(
      summary = "Clear one slot's book of the village energy market",
      description =
          "Body {\"rule\": \"uniform\" | \"pay-as-bid\" | \"trade-reduction\", \"kappa\": 0.5,"
              + " \"gridFee\": 0, \"bids\": [{\"id\", \"price\", \"quantity\"}], \"asks\": […]}"
              + " (optional \"participant\" per order, default its id). The same code as the"
              + " energy-market chaincode (docs/energy-market.md): uniform price is the k-double"
              + " auction on the cumulative curves (maximum volume, p = (1 - kappa) low + kappa"
              + " high); a bid is compared at bid - gridFee; ties at the margin are split pro rata"
              + " in whole Wh. Prices per kWh (at most 4 decimals), quantities in kWh (at most 3)."
              + " The price is what sellers receive; buyers pay it plus the grid fee. A participant"
              + " on both sides (self-trade) or an order id used twice is refused.")
  public ClearResult clear(@RequestBody ClearRequest body) {
    var rule = body.clearingRule();
    var fee = body.fee();
    var bids = body.bidOrders();
    var asks = body.askOrders();
    try {
      return ClearResult.of(Clearing.clear(rule, fee, bids, asks));
    } catch (InvalidBookException e) {
      throw new InvalidFieldException("bids", e.getMessage());
    }
  }

  @PostMapping("/xirr")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Internal rate of return of dated cash flows (Excel XIRR)",
      description =
          "The annual rate at which the XNPV is zero, among all rates above -100 % (every root is"
              + " found, however close to another). At least two flows, none dated before the"
              + " first. No guess is needed: the answer is the only root, or 422 (no-rate, or"
              + " multiple-rates listing the roots)."
              + PRECISION)
  @Refusal(status = 422, description = NO_UNIQUE_RATE)
  public CalcResults.RateValue xirr(@RequestBody CalcRequests.XirrBody body) {
    return rate(Xirr.of(CalcRequests.flows(body.flows(), 2)));
  }

  @PostMapping("/irr")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Internal rate of return of periodic cash flows (Excel IRR)",
      description =
          "The rate per period at which the NPV of the amounts (the first at time 0) is zero,"
              + " among all rates above -100 % (every root is found, however close to another). At"
              + " least two amounts. guess is accepted for Excel compatibility but not used: the"
              + " answer is the only root, or 422 (no-rate, or multiple-rates listing the roots)."
              + PRECISION)
  @Refusal(status = 422, description = NO_UNIQUE_RATE)
  public CalcResults.RateValue irr(@RequestBody CalcRequests.IrrBody body) {
    return rate(Irr.of(CalcRequests.amounts(body)));
  }

  @PostMapping("/year-fraction")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Year fraction between two dates under a day count convention",
      description =
          "convention: 30/360 US, 30E/360, ACT/360, ACT/365F, ACT/ACT ISDA or ACT/ACT ICMA. ICMA"
              + " needs refStart, refEnd and frequency (1, 2, 4 or 12), the coupon period of the"
              + " accrual; an accrual reaching outside it (a long or short first or last coupon) is"
              + " split into the notional periods of its grid, and then it must be one regular"
              + " period. Other conventions refuse these fields. The start is included, the end"
              + " excluded; swapped dates give the negated fraction."
              + PRECISION)
  public CalcResults.Fraction yearFraction(@RequestBody CalcRequests.YearFractionBody body) {
    CalcRequests.Accrual accrual = CalcRequests.accrual(body);
    return CalcResults.Fraction.of(
        accrual
            .convention()
            .yearFraction(accrual.start(), accrual.end(), accrual.reference().orElse(null)));
  }

  @PostMapping("/bond-price")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Price of a fixed-coupon bond from its yield (Excel PRICE)",
      description =
          "Per 100 face value: clean price (Excel PRICE), accrued interest and dirty price."
              + " couponRate and yield are annual decimal fractions; redemption defaults to 100,"
              + " frequency (1, 2 or 4 coupons a year) to 2, dayCount to 30/360 US (Excel basis"
              + " 0; ACT/ACT ISDA and ICMA are basis 1, ACT/360 2, ACT/365F 3, 30E/360 4)."
              + " settlement must be before maturity. Odd coupon periods, all optional: issue and"
              + " firstCoupon (Excel ODDFPRICE; issue alone makes the first regular date after it"
              + " the first coupon), lastCoupon (the last interest date, Excel ODDLPRICE). Dates"
              + " that do not fit are a 400 naming the date."
              + PRECISION)
  public CalcResults.Price bondPrice(@RequestBody CalcRequests.BondPriceBody body) {
    CalcRequests.SettledBond settled = CalcRequests.bond(body);
    Rate yield = CalcRequests.yieldRate(body, settled.bond());
    return CalcResults.Price.of(BondPrice.of(settled.bond(), settled.settlement(), yield));
  }

  @PostMapping("/bond-yield")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Yield of a fixed-coupon bond from its clean price (Excel YIELD)",
      description =
          "The annual yield, compounded at the coupon frequency, at which the clean price per 100"
              + " face value is cleanPrice (Excel YIELD, ODDFYIELD, ODDLYIELD). Fields and defaults"
              + " as for bond-price. A price no yield from -99 % to 1000 % reaches is answered with"
              + " 422 no-rate; when settlement is 0 days (30/360) before the last payment the price"
              + " does not depend on the yield: 422 no-rate for any other price, 422"
              + " undetermined-rate for that one."
              + PRECISION)
  @Refusal(status = 422, description = NO_UNIQUE_RATE)
  public CalcResults.Yield bondYield(@RequestBody CalcRequests.BondYieldBody body) {
    CalcRequests.SettledBond settled = CalcRequests.bond(body);
    BigDecimal cleanPrice = CalcRequests.cleanPrice(body);
    return switch (BondYield.solve(settled.bond(), settled.settlement(), cleanPrice)) {
      case YieldResult.Found found -> CalcResults.Yield.of(found.yield().decimal());
      case YieldResult.None none -> throw NoUniqueRate.none(none.reason());
      case YieldResult.Undetermined undetermined ->
          throw NoUniqueRate.everyRate(undetermined.reason());
    };
  }

  /** Odd coupon dates that do not fit the bond, or a settlement before issue: the date at fault. */
  @ExceptionHandler(InvalidBondDatesException.class)
  ProblemDetail invalidBondDates(InvalidBondDatesException e) {
    return Problems.aboutField(
        HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field", e.term(), e.reason());
  }

  /** Bond terms that cannot be used: every problem, the first in {@code field} and detail. */
  @ExceptionHandler(InvalidBondTermsException.class)
  ProblemDetail invalidBondTerms(InvalidBondTermsException e) {
    TermsError first = e.errors().getFirst();
    ProblemDetail problem =
        Problems.aboutField(
            HttpStatus.BAD_REQUEST,
            "invalid-field",
            "Invalid field",
            first.path(),
            e.errors().size() == 1
                ? first.message()
                : first.message() + " (and " + (e.errors().size() - 1) + " more problems)");
    problem.setProperty(
        "errors",
        e.errors().stream()
            .map(error -> Map.of("field", error.path(), "reason", error.message()))
            .toList());
    return problem;
  }

  @ExceptionHandler(NoUniqueRate.class)
  ProblemDetail noUniqueRate(NoUniqueRate e) {
    ProblemDetail problem;
    if (e.undetermined()) {
      problem =
          Problems.of(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "undetermined-rate",
              "Every rate solves it",
              e.reason());
    } else if (e.roots().isEmpty()) {
      problem =
          Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "no-rate", "No rate solves it", e.reason());
    } else {
      problem =
          Problems.of(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "multiple-rates",
              "Several rates solve it",
              e.roots().size()
                  + " rates make the NPV zero: "
                  + e.roots().stream().map(BigDecimal::toPlainString).toList()
                  + "; "
                  + e.reason());
      problem.setProperty("roots", e.roots());
    }
    problem.setProperty("reason", e.reason());
    return problem;
  }

  private static CalcResults.RateValue rate(RootResult result) {
    return switch (result) {
      case RootResult.Unique unique -> CalcResults.RateValue.of(unique.rate().decimal());
      case RootResult.None none -> throw NoUniqueRate.none(none.reason());
      case RootResult.Multiple multiple ->
          throw NoUniqueRate.multiple(
              multiple.note(),
              multiple.rates().stream().map(r -> CalcResults.rounded(r.decimal())).toList());
    };
  }
}
