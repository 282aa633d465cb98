package io.twinledger.service.market;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's bill bundle ({@value BillBundle#FORMAT}) for offline verification with {@code
 * ./twinledger verify-bill}. Only the resident's own household: the household is the caller's
 * ({@link Village#householdOf}), never a parameter, so no other household's bill is addressable.
 */
@RestController
@RequestMapping("/api/v1/energy")
@Tag(name = "Energy market", description = "The village's peer-to-peer solar market")
public class BillBundleController {

  /** {@code application/gzip}: a month's bundle compresses to about a fifth. */
  static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

  private final ObjectProvider<BillBundles> bundles;
  private final Village village;

  /**
   * @param bundles none where the service runs no market
   */
  public BillBundleController(ObjectProvider<BillBundles> bundles, Village village) {
    this.bundles = bundles;
    this.village = village;
  }

  @GetMapping("/me/bills/{month}/bundle")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "My bill of a month, with its proofs, for offline verification",
      description =
          "The bill of the caller's household for month (YYYY-MM, in the village's time zone) as"
              + " gzip-compressed JSON (format twinledger-bill/v2): the bill's lines, and for each"
              + " slot of the month the clearing as the ledger recorded it, its transaction and"
              + " block, the household's account and own meter reading; with the market's fee and"
              + " tariffs and the channel members' CA certificates. Check it with ./twinledger"
              + " verify-bill FILE.")
  public ResponseEntity<byte[]> bundle(@PathVariable String month, Principal user) {
    YearMonth billed;
    try {
      billed = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("month", "a month as YYYY-MM, such as 2026-11, not " + month);
    }
    String household =
        village
            .householdOf(user.getName())
            .orElseThrow(
                () -> new NotFoundException(user.getName() + " is no resident of the village"));
    return download(
        household,
        billed,
        Optional.ofNullable(bundles.getIfAvailable())
            .orElseThrow(() -> new NotFoundException("the service runs no energy market")));
  }

  /**
   * A household's bundle of a month as a gzip file named {@code bill-HOUSEHOLD-MONTH.json.gz}: the
   * API's answer, and the bill page's download ({@link VillagePages}).
   */
  static ResponseEntity<byte[]> download(String household, YearMonth month, BillBundles bundles) {
    BillBundle bundle = bundles.of(household, month);
    return ResponseEntity.ok()
        .contentType(GZIP)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("bill-" + household + "-" + month + ".json.gz")
                .build()
                .toString())
        .body(gzip(BillJson.write(bundle)));
  }

  private static byte[] gzip(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16)) {
      zip.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory", e);
    }
    return out.toByteArray();
  }
}
