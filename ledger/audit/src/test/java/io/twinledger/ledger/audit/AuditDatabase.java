package io.twinledger.ledger.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.store.TestDatabases;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A migrated, empty database on the embedded PostgreSQL, and the other fixtures of these tests. */
public final class AuditDatabase {

  private AuditDatabase() {}

  /** A fresh database with every ledger migration applied. */
  public static HikariDataSource fresh() {
    return TestDatabases.migrated(6);
  }

  static void execute(HikariDataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Reading-batch leaves with batch ids {@code from} to {@code from + count - 1}. */
  public static List<AuditLeaf> batches(long from, int count) {
    List<AuditLeaf> leaves = new ArrayList<>(count);
    for (long id = from; id < from + count; id++) {
      leaves.add(
          new ReadingBatchLeaf(
              id, "mqtt:test", 1 + id % 7, Sha256.digest(Long.toString(id).getBytes())));
    }
    return leaves;
  }

  /** An ECDSA P-256 key and a self-signed certificate for it. */
  public record Operator(KeyPair keys, X509Certificate certificate) {
    public CheckpointSigner signer() {
      return new CheckpointSigner(keys.getPrivate(), certificate);
    }
  }

  public static Operator operator(String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + name + ",O=Riverton");
      long now = System.currentTimeMillis();
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now),
              new Date(now - 60_000),
              new Date(now + 86_400_000L),
              subject,
              keys.getPublic());
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new Operator(keys, certificate);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
