package io.twinledger.service.web;

import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The web UI's navigation: every handler annotated {@link UiPage}, each shown to the roles its
 * {@code @RolesAllowed} admits.
 */
public final class Navigation {

  /**
   * One entry.
   *
   * @param roles the roles the page's {@code @RolesAllowed} admits
   * @param homeOf the roles whose home page this is
   */
  public record Item(String label, String path, int order, Set<String> roles, Set<String> homeOf) {

    boolean admits(Set<String> userRoles) {
      return roles.stream().anyMatch(userRoles::contains);
    }
  }

  private final Supplier<List<Item>> items;

  public Navigation(RequestMappingHandlerMapping handlers) {
    // Read on first use: the handler mappings are complete only once the context has started.
    this.items = SingletonSupplier.of(() -> scan(handlers));
  }

  /** The entries a signed-in user may open, in order. */
  public List<Item> visibleTo(Authentication user) {
    Set<String> roles = roles(user);
    return items.get().stream().filter(i -> i.admits(roles)).toList();
  }

  /** Where the user lands after signing in: their role's home, else their first entry. */
  public Optional<String> home(Authentication user) {
    Set<String> roles = roles(user);
    return items.get().stream()
        .filter(i -> i.admits(roles) && i.homeOf().stream().anyMatch(roles::contains))
        .findFirst()
        .or(() -> items.get().stream().filter(i -> i.admits(roles)).findFirst())
        .map(Item::path);
  }

  /** The role names of a user, without the {@code ROLE_} prefix. */
  public static Set<String> roles(Authentication user) {
    return user == null
        ? Set.of()
        : user.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length()))
            .collect(Collectors.toUnmodifiableSet());
  }

  private static List<Item> scan(RequestMappingHandlerMapping handlers) {
    return handlers.getHandlerMethods().entrySet().stream()
        .filter(e -> e.getValue().hasMethodAnnotation(UiPage.class))
        .map(
            e -> {
              UiPage page = e.getValue().getMethodAnnotation(UiPage.class);
              RolesAllowed allowed = e.getValue().getMethodAnnotation(RolesAllowed.class);
              return new Item(
                  page.nav(),
                  path(e.getKey()),
                  page.order(),
                  allowed == null ? Set.of() : Set.of(allowed.value()),
                  Set.of(page.homeOf()));
            })
        .sorted(Comparator.comparingInt(Item::order).thenComparing(Item::label))
        .toList();
  }

  private static String path(RequestMappingInfo info) {
    return info.getPatternValues().stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("a UI page without a path: " + info));
  }
}
