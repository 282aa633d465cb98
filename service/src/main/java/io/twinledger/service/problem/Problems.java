package io.twinledger.service.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with TwinLedger's problem types. */
public final class Problems {

  private Problems() {}

  /** A problem whose type is {@code urn:problem-type:twinledger:<slug>}. */
  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(slug));
    problem.setTitle(title);
    return problem;
  }

  /** The problem type {@code urn:problem-type:twinledger:<slug>}. */
  public static URI type(String slug) {
    return URI.create("urn:problem-type:twinledger:" + slug);
  }

  /**
   * The slug of a problem that only its status describes: the reason phrase in lower case with
   * dashes ({@code not-found}, {@code unsupported-media-type}), {@code internal-error} for every
   * server failure, {@code error} for a status without a phrase.
   */
  public static String slug(HttpStatusCode status) {
    if (status.is5xxServerError()) {
      return "internal-error";
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null
        ? "error"
        : known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  /** A problem about one request field, named in {@code field} and in {@code errors}. */
  public static ProblemDetail aboutField(
      HttpStatus status, String slug, String title, String field, String reason) {
    ProblemDetail problem = of(status, slug, title, field + ": " + reason);
    problem.setProperty("field", field);
    problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
    return problem;
  }
}
