package dev.es.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code host:port}, the host a name or an address ({@code [::1]:9042} for IPv6). */
final class ContactPointConverter implements ITypeConverter<InetSocketAddress> {

  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    String host = colon > 0 ? value.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = colon > 0 ? port(value.substring(colon + 1)) : -1;
    if (host.isEmpty() || port < 1 || port > 65_535) {
      throw new TypeConversionException("'" + value + "' is not host:port");
    }
    return new InetSocketAddress(host, port);
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
