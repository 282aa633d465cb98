package io.twinledger.service.evidence;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.EvidenceJson;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.evidence.export.PeriodKey;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's evidence explorer: choose a KPI period, then walk from it to its reading batches,
 * their audit leaves and inclusion proofs, the signed checkpoint and the anchoring block; and
 * download the period's evidence bundle, the same JSON as {@code GET /api/v1/evidence/kpi-periods},
 * with the command that checks it offline. Roles as that endpoint's. The investor reaches the same
 * walk, without the bundle, from the performance page's "proven" badges ({@link #proof}).
 */
@UiController
public class EvidencePage {

  /** The pages' parameter for each API parameter an {@link InvalidFieldException} names. */
  private static final Map<String, String> FIELDS = Map.of("assetId", "asset", "kpiId", "kpi");

  private final EvidenceTrail trail;
  private final EvidenceExport export;
  private final AssetCatalog catalog;

  public EvidencePage(EvidenceTrail trail, EvidenceExport export, AssetCatalog catalog) {
    this.trail = trail;
    this.export = export;
    this.catalog = catalog;
  }

  /**
   * Without a complete query, the form to choose a period (once asset, KPI and kind are chosen,
   * with their closed periods to choose from); with one, the period's evidence.
   */
  @GetMapping("/ui/evidence")
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR, Roles.FINANCE_OFFICER})
  @UiPage(nav = "Evidence", order = 70)
  public String explorer(
      @RequestParam(required = false) String asset,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String start,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("assets", catalog.list(Optional.empty()));
    model.addAttribute("kinds", EvidenceRequests.KINDS);
    model.addAttribute("asset", Optional.ofNullable(asset).orElse(""));
    model.addAttribute("kpi", Optional.ofNullable(kpi).orElse(""));
    model.addAttribute("kind", Optional.ofNullable(kind).orElse("MONTH"));
    model.addAttribute("start", Optional.ofNullable(start).orElse(""));
    model.addAttribute(
        "chosenAsset", Optional.ofNullable(asset).filter(a -> !a.isBlank()).flatMap(catalog::find));
    FieldErrors errors = FieldErrors.none();
    if (present(asset) && present(kpi) && present(kind)) {
      errors =
          walk(
              () -> {
                model.addAttribute(
                    "choices", trail.choices(asset, kpi, EvidenceRequests.kind(kind)));
                if (!present(start)) {
                  return Optional.empty();
                }
                PeriodKey key = EvidenceRequests.key(asset, kpi, kind, start, null);
                model.addAttribute("download", EvidenceDownload.of(key));
                return Optional.of(key);
              },
              model,
              response);
    }
    model.addAttribute("errors", errors);
    return "evidence/explorer";
  }

  /**
   * The evidence of one period as the performance page's "proven" badge opens it: the same walk as
   * the explorer's, for the roles that may read the audit log's leaves, proofs and checkpoints (the
   * investor too, as {@code GET /api/v1/audit/proofs/inclusion}), without the bundle, whose
   * readings are for the explorer's roles. Without a complete query, back to the performance page.
   */
  @GetMapping("/ui/evidence/proof")
  @RolesAllowed({
    Roles.FINANCE_OFFICER,
    Roles.INVESTOR,
    Roles.AUDITOR,
    Roles.OPERATOR,
    Roles.TRUSTEE
  })
  public String proof(
      @RequestParam(required = false) String asset,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String start,
      Model model,
      HttpServletResponse response) {
    if (!(present(asset) && present(kpi) && present(kind) && present(start))) {
      return "redirect:/ui/performance";
    }
    model.addAttribute("chosenAsset", catalog.find(asset));
    walk(() -> Optional.of(EvidenceRequests.key(asset, kpi, kind, start, null)), model, response)
        .all()
        .forEach(e -> model.addAttribute("problem", e.field() + " " + e.reason()));
    return "evidence/proof";
  }

  /**
   * The period's evidence bundle as a file; without any query, back to the explorer. Refusals are
   * the API's problems (400, 404, 409).
   */
  @GetMapping("/ui/evidence/bundle")
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR, Roles.FINANCE_OFFICER})
  public ResponseEntity<byte[]> bundle(
      @RequestParam(required = false) String asset,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String start) {
    if (!(present(asset) || present(kpi) || present(kind) || present(start))) {
      return ResponseEntity.status(HttpStatus.FOUND)
          .header(HttpHeaders.LOCATION, "/ui/evidence")
          .build();
    }
    EvidenceDownload download =
        EvidenceDownload.of(EvidenceRequests.key(asset, kpi, kind, start, null));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(download.fileName()).build().toString())
        .body(EvidenceJson.write(export.export(download.key())));
  }

  /** The bundle's refusal when its evidence cannot be completed, as the API's. */
  @ExceptionHandler(EvidenceUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(EvidenceUnavailableException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(EvidenceController.problem(e));
  }

  /**
   * Puts the trail of the period {@code key} names, if it names one, into the model. A refusal sets
   * the page's status as the API's problem would: the period unknown (404) or its evidence
   * incomplete (409) as the model's {@code problem}; a bad parameter (400) as the field error
   * returned, keyed by the page's parameter name.
   */
  private FieldErrors walk(
      Supplier<Optional<PeriodKey>> key, Model model, HttpServletResponse response) {
    try {
      key.get().ifPresent(k -> model.addAttribute("trail", trail.of(k)));
    } catch (InvalidFieldException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return FieldErrors.of(FIELDS.getOrDefault(e.field(), e.field()), e.reason());
    } catch (UnknownSubjectException e) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", e.getMessage());
    } catch (EvidenceUnavailableException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("problem", "The evidence cannot be completed now: " + e.getMessage());
    }
    return FieldErrors.none();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
