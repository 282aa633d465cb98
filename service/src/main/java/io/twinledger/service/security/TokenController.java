package io.twinledger.service.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embedded mode: exchanges a verified password (HTTP Basic) for a short-lived bearer token, so a
 * script pays bcrypt once per token instead of once per request.
 */
@RestController
@RequestMapping("/api/v1/auth")
@OnEmbeddedMode
class TokenController {

  private final AccessTokens tokens;

  TokenController(AccessTokens tokens) {
    this.tokens = tokens;
  }

  /** The OAuth 2 token response fields (RFC 6749, section 5.1). */
  record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  @PostMapping("/token")
  @RolesAllowed({
    Roles.FINANCE_OFFICER,
    Roles.INVESTOR,
    Roles.AUDITOR,
    Roles.RESIDENT,
    Roles.OPERATOR,
    Roles.TRUSTEE
  })
  @ApiResponse(
      responseCode = "200",
      description = "A bearer token",
      content = @Content(schema = @Schema(implementation = TokenResponse.class)))
  @Refusal(
      status = 403,
      description = "password-required: a token is issued only for a name and password")
  ResponseEntity<?> token(Authentication caller) {
    // Only a password buys a token: a token buying the next one would never expire.
    if (!(caller instanceof UsernamePasswordAuthenticationToken)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              Problems.of(
                  HttpStatus.FORBIDDEN,
                  "password-required",
                  "Password required",
                  "a token is issued only to a caller authenticated with name and password (HTTP"
                      + " Basic)"));
    }
    AccessTokens.Issued issued = tokens.issue(caller);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new TokenResponse(issued.token(), "Bearer", issued.expiresInSeconds()));
  }
}
