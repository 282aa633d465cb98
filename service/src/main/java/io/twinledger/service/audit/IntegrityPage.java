package io.twinledger.service.audit;

import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.IntegrityCheck;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit log's integrity check as a page: what {@code GET /api/v1/audit/integrity} answers (the
 * same documents, {@link AuditViews}), with the alarm's state and the latest checkpoint beside it.
 */
@UiController
public class IntegrityPage {

  private final IntegrityCheck integrity;
  private final LeafScan scan;
  private final LogWatch watch;
  private final CheckpointBook checkpoints;

  public IntegrityPage(
      IntegrityCheck integrity, LeafScan scan, LogWatch watch, CheckpointBook checkpoints) {
    this.integrity = integrity;
    this.scan = scan;
    this.watch = watch;
    this.checkpoints = checkpoints;
  }

  @GetMapping("/ui/audit/integrity")
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
  public String integrity(Model model) {
    model.addAttribute("report", AuditViews.Integrity.of(integrity.run(), scan.progress()));
    model.addAttribute("alarm", AuditViews.Alarm.of(watch.alarm()));
    model.addAttribute("latest", checkpoints.latest().map(AuditViews.Checkpoint::of));
    return "audit/integrity";
  }
}
