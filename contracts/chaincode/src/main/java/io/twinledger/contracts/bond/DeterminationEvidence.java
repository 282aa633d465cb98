package io.twinledger.contracts.bond;

import io.twinledger.contracts.token.Arguments;
import java.util.regex.Pattern;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * The evidence argument of {@code RecordDetermination}, checked and written back in one canonical
 * form (fixed field order), so that the same evidence is the same bytes however a client spaced or
 * ordered it:
 *
 * <pre>{@code
 * {"feature": "eib-outcome", "kpi": "runoff-reduction",
 *  "periods": [{"asset": "gi-rock-creek-a", "kpi": "runoff-reduction", "month": "2021-03", "revision": 2}],
 *  "leafIndexes": [1041, 1042],
 *  "checkpoint": {"log": "riverton-audit", "size": 1200, "root": "<64 hex>"},
 *  "amountMinor": "330000000", "payer": "ISSUER"}
 * }</pre>
 *
 * @param canonical the evidence in canonical form
 * @param feature the bond feature that decided
 * @param kpi the KPI it read
 * @param amountMinor what it decided, minor units
 * @param payer {@code ISSUER} or {@code INVESTORS}
 */
record DeterminationEvidence(
    String canonical, String feature, String kpi, long amountMinor, String payer) {

  private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Checks {@code json}.
   *
   * @throws IllegalArgumentException naming the field path of the first fault
   */
  static DeterminationEvidence parse(String json) {
    JSONObject evidence;
    try {
      evidence = new JSONObject(json);
    } catch (JSONException e) {
      throw new IllegalArgumentException("evidence: not a JSON object");
    }
    String feature = text(evidence, "evidence.feature");
    String kpi = text(evidence, "evidence.kpi");
    JSONStringer out = new JSONStringer();
    out.object().key("feature").value(feature).key("kpi").value(kpi).key("periods").array();
    JSONArray periods = evidence.optJSONArray("periods");
    if (periods == null || periods.isEmpty()) {
      throw new IllegalArgumentException("evidence.periods: at least one KPI period");
    }
    for (int i = 0; i < periods.length(); i++) {
      String path = "evidence.periods[" + i + "]";
      if (!(periods.opt(i) instanceof JSONObject period)) {
        throw new IllegalArgumentException(path + ": not an object");
      }
      String month = text(period, path + ".month");
      if (!MONTH.matcher(month).matches()) {
        throw new IllegalArgumentException(path + ".month: YYYY-MM, not " + month);
      }
      out.object()
          .key("asset")
          .value(text(period, path + ".asset"))
          .key("kpi")
          .value(text(period, path + ".kpi"))
          .key("month")
          .value(month)
          .key("revision")
          .value(whole(period, "revision", path + ".revision"))
          .endObject();
    }
    out.endArray().key("leafIndexes").array();
    JSONArray leaves = evidence.optJSONArray("leafIndexes");
    if (leaves == null || leaves.isEmpty()) {
      throw new IllegalArgumentException("evidence.leafIndexes: at least one audit leaf index");
    }
    for (int i = 0; i < leaves.length(); i++) {
      out.value(whole(leaves, i, "evidence.leafIndexes[" + i + "]"));
    }
    out.endArray();
    if (!(evidence.opt("checkpoint") instanceof JSONObject checkpoint)) {
      throw new IllegalArgumentException("evidence.checkpoint: an object {log, size, root}");
    }
    String root = text(checkpoint, "evidence.checkpoint.root");
    if (!HEX.matcher(root).matches()) {
      throw new IllegalArgumentException(
          "evidence.checkpoint.root: 64 lower-case hex digits, not " + root);
    }
    out.key("checkpoint")
        .object()
        .key("log")
        .value(text(checkpoint, "evidence.checkpoint.log"))
        .key("size")
        .value(whole(checkpoint, "size", "evidence.checkpoint.size"))
        .key("root")
        .value(root)
        .endObject();
    String amount = text(evidence, "evidence.amountMinor");
    long amountMinor = Arguments.whole("evidence.amountMinor", amount, true);
    String payer = text(evidence, "evidence.payer");
    if (!payer.equals("ISSUER") && !payer.equals("INVESTORS")) {
      throw new IllegalArgumentException("evidence.payer: ISSUER or INVESTORS, not " + payer);
    }
    out.key("amountMinor").value(Long.toString(amountMinor)).key("payer").value(payer).endObject();
    return new DeterminationEvidence(out.toString(), feature, kpi, amountMinor, payer);
  }

  private static String text(JSONObject json, String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    if (!(json.opt(name) instanceof String value) || value.isBlank()) {
      throw new IllegalArgumentException(path + ": a non-empty string is required");
    }
    return value;
  }

  private static long whole(JSONObject json, String name, String path) {
    return whole(json.opt(name), path);
  }

  private static long whole(JSONArray json, int index, String path) {
    return whole(json.opt(index), path);
  }

  private static long whole(Object value, String path) {
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      throw new IllegalArgumentException(path + ": a whole number, not negative, not " + value);
    }
    return ((Number) value).longValue();
  }
}
