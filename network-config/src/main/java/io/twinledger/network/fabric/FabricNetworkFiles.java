package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file of the Fabric 2.5 test network under {@code network-config/fabric/}, generated from
 * the consortium so that the network and the embedded peer cannot drift apart. A test checks that
 * the checked-in files equal this output; {@link #main} rewrites them.
 */
public final class FabricNetworkFiles {

  private FabricNetworkFiles() {}

  /** The files, in a fixed order. */
  public static List<FabricFile> generate(Consortium consortium) {
    List<FabricFile> files = new ArrayList<>();
    files.add(new FabricFile(CryptoConfig.FILE, CryptoConfig.render(consortium)));
    files.add(new FabricFile(ConfigTx.FILE, ConfigTx.render(consortium)));
    files.add(new FabricFile(DockerCompose.FILE, DockerCompose.render(consortium)));
    for (Organisation org : consortium.organisations()) {
      files.add(
          new FabricFile(ConnectionProfile.path(org), ConnectionProfile.render(consortium, org)));
    }
    files.add(
        new FabricFile(
            ChaincodePackageFiles.METADATA,
            ChaincodePackageFiles.metadata(consortium.chaincode())));
    files.add(
        new FabricFile(
            ChaincodePackageFiles.CONNECTION,
            ChaincodePackageFiles.connection(consortium.chaincode())));
    for (Channel channel : consortium.channels()) {
      for (ChaincodeDefinition chaincode : channel.chaincodes()) {
        if (!chaincode.collections().isEmpty()) {
          files.add(
              new FabricFile(
                  CollectionsConfig.path(chaincode), CollectionsConfig.render(chaincode)));
        }
      }
    }
    return List.copyOf(files);
  }

  /** Writes the files under {@code directory}, replacing what is there. */
  public static void write(Consortium consortium, Path directory) throws IOException {
    for (FabricFile file : generate(consortium)) {
      Path target = directory.resolve(file.path());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.content(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Regenerates the checked-in files of the TwinLedger consortium: {@code args[0]} is the target
   * directory, {@code network-config/fabric} by default (run from the repository root).
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : "network-config/fabric");
    write(Consortium.twinLedger(), directory);
    System.out.println("Wrote the Fabric network files to " + directory.toAbsolutePath());
  }
}
