package io.twinledger.contracts.energy;

import io.twinledger.market.settlement.ParticipantAccount;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A participant's settlement of one slot, contracts-market's {@link ParticipantAccount} as decimal
 * text: energy in kWh, amounts exact in the market's currency (nothing is rounded inside a slot;
 * bills round). Every amount is a magnitude except {@code total} (what the participant pays,
 * negative when it is paid) and {@code savings} ({@code baselineTotal - total}).
 *
 * @param participant the household or the battery
 * @param netKwh the metered net position, import minus export
 * @param boughtKwh bought from members
 * @param boughtAmount paid to sellers for it, before the grid fee
 * @param soldKwh sold to members
 * @param soldAmount received for it
 * @param feesAmount grid fees on the energy bought
 * @param utilityImportKwh the rest of a deficit, bought from the utility
 * @param utilityImportAmount at the retail tariff
 * @param utilityExportKwh the rest of a surplus, sold to the utility
 * @param utilityExportAmount at the feed-in tariff
 * @param total what the participant pays for the slot, negative when paid
 * @param baselineTotal the bill without trading for the same metered energy
 * @param savings {@code baselineTotal - total}
 */
@DataType
public record SlotAccount(
    @Property String participant,
    @Property String netKwh,
    @Property String boughtKwh,
    @Property String boughtAmount,
    @Property String soldKwh,
    @Property String soldAmount,
    @Property String feesAmount,
    @Property String utilityImportKwh,
    @Property String utilityImportAmount,
    @Property String utilityExportKwh,
    @Property String utilityExportAmount,
    @Property String total,
    @Property String baselineTotal,
    @Property String savings) {

  private static final String[] FIELDS = {
    "participant",
    "netKwh",
    "boughtKwh",
    "boughtAmount",
    "soldKwh",
    "soldAmount",
    "feesAmount",
    "utilityImportKwh",
    "utilityImportAmount",
    "utilityExportKwh",
    "utilityExportAmount",
    "total",
    "baselineTotal",
    "savings"
  };

  static SlotAccount of(ParticipantAccount account) {
    return new SlotAccount(
        account.participant(),
        account.netKwh().toPlainString(),
        account.boughtKwh().toPlainString(),
        account.boughtAmount().toPlainString(),
        account.soldKwh().toPlainString(),
        account.soldAmount().toPlainString(),
        account.feesAmount().toPlainString(),
        account.utilityImportKwh().toPlainString(),
        account.utilityImportAmount().toPlainString(),
        account.utilityExportKwh().toPlainString(),
        account.utilityExportAmount().toPlainString(),
        account.total().toPlainString(),
        account.baselineTotal().toPlainString(),
        account.savings().toPlainString());
  }

  private String[] values() {
    return new String[] {
      participant,
      netKwh,
      boughtKwh,
      boughtAmount,
      soldKwh,
      soldAmount,
      feesAmount,
      utilityImportKwh,
      utilityImportAmount,
      utilityExportKwh,
      utilityExportAmount,
      total,
      baselineTotal,
      savings
    };
  }

  void write(JSONStringer json) {
    json.object();
    String[] values = values();
    for (int i = 0; i < FIELDS.length; i++) {
      json.key(FIELDS[i]).value(values[i]);
    }
    json.endObject();
  }

  static SlotAccount[] readAll(JSONArray array) {
    SlotAccount[] accounts = new SlotAccount[array.length()];
    for (int i = 0; i < accounts.length; i++) {
      JSONObject json = array.getJSONObject(i);
      String[] v = new String[FIELDS.length];
      for (int f = 0; f < FIELDS.length; f++) {
        v[f] = json.getString(FIELDS[f]);
      }
      accounts[i] =
          new SlotAccount(
              v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
              v[13]);
    }
    return accounts;
  }
}
