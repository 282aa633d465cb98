package io.twinledger.service.evidence;

import io.twinledger.reporting.evidence.export.PeriodKey;

/**
 * How a period's evidence bundle is offered: the file it downloads as and the command that checks
 * it offline.
 *
 * @param fileName {@code evidence-ASSET-KPI-KIND-START.json}, with only letters, digits, {@code .},
 *     {@code _} and {@code -}, so that it is one word in a shell
 */
public record EvidenceDownload(PeriodKey key, String fileName) {

  static EvidenceDownload of(PeriodKey key) {
    String name =
        String.join("-", "evidence", key.assetId(), key.kpiId(), key.kind(), key.start().toString())
            .replaceAll("[^A-Za-z0-9._-]", "");
    return new EvidenceDownload(key, name + ".json");
  }

  /** The offline check, as the command line runs it from the download's folder. */
  public String verifyCommand() {
    return "./twinledger verify " + fileName;
  }
}
