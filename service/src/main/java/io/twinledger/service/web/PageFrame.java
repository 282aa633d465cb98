package io.twinledger.service.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every UI page's frame shows: the signed-in user, the navigation they may use, and which
 * entry is the current page. Only for {@link UiController}s, never for the API.
 */
@ControllerAdvice(annotations = UiController.class)
public class PageFrame {

  /**
   * The frame's model.
   *
   * @param user the signed-in user's name
   * @param nav the entries the user may open
   * @param current the path of the entry this page belongs to, for {@code aria-current}
   */
  public record Frame(String user, List<Navigation.Item> nav, String current) {

    /**
     * Whether {@code item} is the entry of this page: the entry whose path is the page's or its
     * longest leading part, so {@code /ui/village/bills/2026-05} is under "Bills", not "My
     * village".
     */
    public boolean isCurrent(Navigation.Item item) {
      return nav.stream()
          .filter(this::covers)
          .max(Comparator.comparingInt(i -> i.path().length()))
          .map(item::equals)
          .orElse(false);
    }

    private boolean covers(Navigation.Item item) {
      return current.equals(item.path()) || current.startsWith(item.path() + "/");
    }
  }

  private final Navigation navigation;

  public PageFrame(Navigation navigation) {
    this.navigation = navigation;
  }

  @ModelAttribute("frame")
  public Frame frame(Authentication user, HttpServletRequest request) {
    return new Frame(
        user == null ? "" : user.getName(), navigation.visibleTo(user), request.getRequestURI());
  }
}
