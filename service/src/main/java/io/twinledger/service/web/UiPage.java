package io.twinledger.service.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page of the web UI that appears in the navigation. Who sees the entry is the handler's own
 * {@code @RolesAllowed}, the same declaration that guards the page, so the menu never offers a page
 * that would answer 403. A later feature adds its pages by annotating their handlers; {@link
 * Navigation} finds them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UiPage {

  /** The entry's label in the navigation. */
  String nav();

  /** Position in the navigation, lowest first. */
  int order();

  /** Roles that land on this page after signing in; each role should have one home. */
  String[] homeOf() default {};
}
