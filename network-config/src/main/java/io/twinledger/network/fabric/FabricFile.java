package io.twinledger.network.fabric;

import java.util.Objects;

/**
 * One generated file of the Fabric test network.
 *
 * @param path where it goes, relative to {@code network-config/fabric/}, with {@code /} separators
 * @param content its text, UTF-8, ending with a newline
 */
public record FabricFile(String path, String content) {

  public FabricFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (path.isBlank() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("a generated file's path must be relative: " + path);
    }
  }
}
