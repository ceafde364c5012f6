package dev.es.cli;

import java.util.UUID;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An aggregate id: a UUID, with an error that says so rather than picocli's exception text. */
final class AggregateIdConverter implements ITypeConverter<UUID> {

  @Override
  public UUID convert(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a UUID");
    }
  }
}
