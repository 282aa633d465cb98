package io.twinledger.service.valuation;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Values an asset's active model as {@code POST /api/v1/valuations} does, through the same {@link
 * ValuationRuns}. A valuation changes nothing, so the form is sent with GET and its result can be
 * bookmarked; bad input shows the API's field errors next to each field.
 */
@UiController
public class ValuationPage {

  private final ValuationRuns runs;
  private final Models models;

  public ValuationPage(ValuationRuns runs, Models models) {
    this.runs = runs;
    this.models = models;
  }

  @GetMapping("/ui/valuation")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @UiPage(nav = "Valuation", order = 50)
  public String valuation(
      @ModelAttribute("form") ValuationForm form, Model model, HttpServletResponse response) {
    FieldErrors errors = FieldErrors.none();
    if (!form.sent()) {
      model.addAttribute("form", ValuationForm.blank());
    } else {
      try {
        model.addAttribute("result", ValuationView.of(runs.value(form.request())));
      } catch (InvalidFieldException e) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        errors = FieldErrors.of(e);
      } catch (NotFoundException e) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        errors = FieldErrors.of("assetId", e.getMessage());
      } catch (ValuationRuns.NoValuation e) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        errors = FieldErrors.of("", e.getMessage());
      }
    }
    model.addAttribute("models", models.list());
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(ValuationForm.FIELDS));
    return "valuation/valuation";
  }
}
