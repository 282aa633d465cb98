package io.twinledger.service.model;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelError;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.ModelRegistry;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.model.projection.ModelVersionView;
import io.twinledger.ledger.model.projection.ModelView;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The model editor's pages: the models, one model with its versions, the line diff of two versions,
 * and the editor of a new model or a new version. Reading is for the roles that read models in the
 * API, writing for the finance officer only, through {@link ModelRegistry} as the API writes: a
 * definition the API would refuse is refused here with the same field errors, and nothing is saved.
 *
 * <p>The new-model editor is at {@code /ui/models/new}, so a model with the id {@code new} is shown
 * by the API only.
 */
@UiController
public class ModelPages {

  private static final String EDITOR = "model/editor";
  private static final Duration READ_SIDE_WAIT = Duration.ofSeconds(5);
  private static final Duration READ_SIDE_POLL = Duration.ofMillis(25);

  private final ModelRegistry registry;
  private final Models models;

  public ModelPages(ModelRegistry registry, Models models) {
    this.registry = registry;
    this.models = models;
  }

  @GetMapping("/ui/models")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @UiPage(nav = "Models", order = 40)
  public String models(Model model) {
    model.addAttribute("models", models.list());
    model.addAttribute("templates", Templates.NAMES);
    return "model/models";
  }

  @GetMapping("/ui/models/{modelId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String model(@PathVariable String modelId, Model model) {
    ModelView view = current(modelId);
    model.addAttribute("model", view);
    model.addAttribute("yaml", ModelDefinitions.toYaml(view.definition()));
    model.addAttribute("versions", models.versions(modelId).reversed());
    return "model/model";
  }

  /** The diff of version {@code from} to {@code to}; the latest change when they are not given. */
  @GetMapping("/ui/models/{modelId}/diff")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String diff(
      @PathVariable String modelId,
      @RequestParam Optional<Integer> from,
      @RequestParam Optional<Integer> to,
      Model model) {
    List<ModelVersionView> versions = models.versions(modelId);
    if (versions.isEmpty()) {
      throw unknown(modelId);
    }
    int newer = to.orElse(versions.getLast().version());
    int older = from.orElse(Math.max(1, newer - 1));
    model.addAttribute("modelId", modelId);
    model.addAttribute("versions", versions);
    model.addAttribute(
        "diff", ModelDiff.of(version(versions, modelId, older), version(versions, modelId, newer)));
    return "model/diff";
  }

  /** The editor of a new model, filled with a shipped template when one is named. */
  @GetMapping("/ui/models/new")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  public String newModel(@RequestParam Optional<String> template, Model model) {
    String yaml =
        template
            .filter(Templates.NAMES::contains)
            .map(name -> ModelDefinitions.toYaml(Templates.load(name)))
            .orElse("");
    return editor(
        Optional.empty(),
        ModelForm.of(yaml, List.of(), Optional.empty()),
        FieldErrors.none(),
        model);
  }

  @PostMapping("/ui/models/new")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  public String defineModel(
      @ModelAttribute ModelForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return submit(Optional.empty(), form, model, response, redirect);
  }

  /** The editor of a model's next version, filled with its current one. */
  @GetMapping("/ui/models/{modelId}/edit")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  public String editModel(@PathVariable String modelId, Model model) {
    ModelView view = current(modelId);
    return editor(
        Optional.of(modelId),
        ModelForm.of(
            ModelDefinitions.toYaml(view.definition()),
            view.assetIds(),
            Optional.of(view.version())),
        FieldErrors.none(),
        model);
  }

  @PostMapping("/ui/models/{modelId}/edit")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  public String reviseModel(
      @PathVariable String modelId,
      @ModelAttribute ModelForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    current(modelId);
    return submit(Optional.of(modelId), form, model, response, redirect);
  }

  /**
   * Checks the form as {@code POST /api/v1/models/validate} does, and when asked to save and it is
   * valid, records it as {@code POST} (a new model) or {@code PUT} (a new version) does. A refusal
   * keeps the editor with the problem's status and field errors.
   */
  private String submit(
      Optional<String> modelId,
      ModelForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      ModelRequest request = form.request();
      String id = modelId.orElse(request.definition().id());
      if (!form.saving()) {
        List<ModelError> errors = registry.check(id, request.definition(), request.assets());
        if (!errors.isEmpty()) {
          throw new InvalidModelException(errors);
        }
        model.addAttribute("checked", request);
        return editor(modelId, form, FieldErrors.none(), model);
      }
      int version =
          modelId.isPresent()
              ? registry.revise(
                  id,
                  request.expectedVersion(),
                  request.definition(),
                  request.assets(),
                  request.reason().orElse(""))
              : registry.define(id, request.definition(), request.assets());
      awaitReadSide(id, version);
      redirect.addFlashAttribute("saved", version);
      return "redirect:/ui/models/" + id;
    } catch (InvalidModelException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return editor(modelId, form, FieldErrors.of(e), model);
    } catch (ModelRuleViolation e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return editor(modelId, form, FieldErrors.of(e.field(), e.getMessage()), model);
    }
  }

  private String editor(Optional<String> modelId, ModelForm form, FieldErrors errors, Model model) {
    DefinitionLines lines = DefinitionLines.of(form.definition());
    model.addAttribute("modelId", modelId.orElse(null));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(ModelForm.FIELDS));
    model.addAttribute(
        "definitionProblems",
        errors.at("definition").stream()
            .map(e -> new DefinitionProblem(e.field(), e.reason(), lines.placeOf(e.field())))
            .toList());
    return EDITOR;
  }

  /** A problem of the definition with the line of the YAML text it refers to, when it has one. */
  public record DefinitionProblem(
      String field, String reason, Optional<DefinitionLines.Place> place) {}

  /**
   * Waits, briefly, until the read side holds the version just recorded: the page the officer is
   * sent to reads the projection, which follows the event store a moment later, and should show
   * what was saved. After {@link #READ_SIDE_WAIT} the page is shown as it is.
   */
  private void awaitReadSide(String modelId, int version) {
    long deadline = System.nanoTime() + READ_SIDE_WAIT.toNanos();
    while (System.nanoTime() < deadline
        && models.find(modelId).map(ModelView::version).orElse(0) < version) {
      try {
        Thread.sleep(READ_SIDE_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private ModelView current(String modelId) {
    return models.find(modelId).orElseThrow(() -> unknown(modelId));
  }

  private static ModelVersionView version(
      List<ModelVersionView> versions, String modelId, int version) {
    return versions.stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(
            () -> new NotFoundException("model " + modelId + " has no version " + version));
  }

  private static NotFoundException unknown(String modelId) {
    return new NotFoundException("no model with id '" + modelId + "'");
  }
}
