package io.twinledger.service.web;

import io.twinledger.service.security.Roles;
import io.twinledger.service.security.SecurityProperties;
import io.twinledger.service.security.UiSecurityConfiguration;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Sign-in, each role's landing page, and the page a forbidden request gets. */
@UiController
public class HomePages {

  private final Navigation navigation;
  private final SecurityProperties security;

  public HomePages(Navigation navigation, SecurityProperties security) {
    this.navigation = navigation;
    this.security = security;
  }

  /** The service's root is the web UI. */
  @GetMapping("/")
  @PermitAll
  public String root() {
    return "redirect:/ui";
  }

  /** Each role lands on its own home page. */
  @GetMapping("/ui")
  @RolesAllowed({
    Roles.FINANCE_OFFICER,
    Roles.INVESTOR,
    Roles.AUDITOR,
    Roles.RESIDENT,
    Roles.OPERATOR,
    Roles.TRUSTEE
  })
  public String home(Authentication user) {
    return navigation.home(user).map(path -> "redirect:" + path).orElse("redirect:/ui/denied");
  }

  @GetMapping(UiSecurityConfiguration.LOGIN)
  @PermitAll
  public String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) Long locked,
      @RequestParam(name = "signed-out", required = false) String signedOut,
      Model model) {
    model.addAttribute("failed", error != null);
    model.addAttribute("lockedSeconds", locked);
    model.addAttribute("signedOut", signedOut != null);
    model.addAttribute("mode", security.mode().name());
    model.addAttribute("oidcConfigured", security.uiClient().configured());
    model.addAttribute("oidcRegistration", UiSecurityConfiguration.OIDC_REGISTRATION);
    return "login";
  }

  /**
   * Where a refused request is forwarded, with status 403, whatever its method: a page the user's
   * role may not open, or a form sent without a valid CSRF token.
   */
  @RequestMapping("/ui/denied")
  @RolesAllowed({
    Roles.FINANCE_OFFICER,
    Roles.INVESTOR,
    Roles.AUDITOR,
    Roles.RESIDENT,
    Roles.OPERATOR,
    Roles.TRUSTEE
  })
  @ResponseStatus(HttpStatus.FORBIDDEN)
  public String denied(HttpServletRequest request, Model model) {
    model.addAttribute(
        "csrf", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException);
    return "denied";
  }
}
