package io.twinledger.service.twin;

import io.swagger.v3.oas.annotations.Hidden;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live updates pages listen to ({@link LiveReadings}), in the web UI's filter chain: a session
 * is needed, and the roles are those that may read readings, as the API's {@code GET
 * /api/v1/twin/readings} declares, since the stream says whose readings arrived.
 *
 * <p>A stream, not a page: it is no {@code @UiController}, whose GET pages the access walk reads to
 * their end, which a stream has not. Its refusals are tested on their own ({@code LiveStreamTest}).
 * Nor is it part of the API's description, though it writes its own body.
 */
@Controller
@Hidden
public class LiveStream {

  private final LiveReadings live;

  public LiveStream(LiveReadings live) {
    this.live = live;
  }

  /** Events for the asset {@code asset}, or for every asset without it. */
  @GetMapping("/ui/live/readings")
  @ResponseBody
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  public SseEmitter readings(@RequestParam(required = false) String asset) {
    return live.subscribe(Optional.ofNullable(asset).filter(a -> !a.isBlank()));
  }
}
