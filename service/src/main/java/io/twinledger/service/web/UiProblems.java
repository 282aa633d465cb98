package io.twinledger.service.web;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.service.problem.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page's failures as pages, not as the API's JSON problem details: what does not exist is a 404
 * page, a bad query parameter a 400 page naming it. These are the exceptions the API translates, so
 * the page says what the API would; this advice runs ahead of the API's handler, for {@link
 * UiController}s only.
 */
@ControllerAdvice(annotations = UiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UiProblems {

  /** What the problem page shows: the status, a title and the detail. */
  public record Problem(int status, String title, String detail) {}

  private final PageFrame frame;

  public UiProblems(PageFrame frame) {
    this.frame = frame;
  }

  @ExceptionHandler({NotFoundException.class, UnknownSubjectException.class})
  String notFound(
      RuntimeException e,
      Authentication user,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    return page(new Problem(404, "Not found", e.getMessage()), user, request, model);
  }

  @ExceptionHandler(InvalidFieldException.class)
  String invalidField(
      InvalidFieldException e,
      Authentication user,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(
        new Problem(400, "This page cannot show that", e.field() + " " + e.reason()),
        user,
        request,
        model);
  }

  // Exception handlers get no model from @ModelAttribute methods: the frame is added here.
  private String page(
      Problem problem, Authentication user, HttpServletRequest request, Model model) {
    model.addAttribute("frame", frame.frame(user, request));
    model.addAttribute("problem", problem);
    return "problem";
  }
}
