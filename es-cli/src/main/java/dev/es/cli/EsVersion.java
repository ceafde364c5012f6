package dev.es.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** {@code es --version}: the project version, written into {@code version.txt} by the build. */
final class EsVersion implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    try (InputStream in = EsVersion.class.getResourceAsStream("version.txt")) {
      return new String[] {"es " + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()};
    }
  }
}
