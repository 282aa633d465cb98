package io.twinledger.service.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that answers a part of a page, which htmx fetches and swaps in (a live table, a
 * progress bar), not a page of its own: it has no frame, title or language. Its
 * {@code @RolesAllowed} guards it as a page's does; the page that includes it is what readers and
 * accessibility checks see.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UiFragment {}
