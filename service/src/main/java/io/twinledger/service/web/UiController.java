package io.twinledger.service.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller of web UI pages. Its views get the page frame's model ({@link PageFrame}); handler
 * methods declare {@code @RolesAllowed} as API endpoints do. Page paths start with {@code /ui}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface UiController {

  @AliasFor(annotation = Controller.class)
  String value() default "";
}
