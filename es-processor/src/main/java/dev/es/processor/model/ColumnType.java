package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * How a read-model component maps to a CQL column type. Generators derive both the CQL type text and the
 * driver codec from it.
 */
public sealed interface ColumnType {

  /** The CQL type, as written in {@code CREATE TABLE}. */
  String cql();

  /** True for types that may be primary-key columns (no collections, no JSON). */
  boolean keyable();

  /** The CQL scalars the processor maps. */
  enum Scalar {
    UUID("uuid", "UUID"),
    TEXT("text", "TEXT"),
    INT("int", "INT"),
    BIGINT("bigint", "BIGINT"),
    SMALLINT("smallint", "SMALLINT"),
    TINYINT("tinyint", "TINYINT"),
    DOUBLE("double", "DOUBLE"),
    FLOAT("float", "FLOAT"),
    BOOLEAN("boolean", "BOOLEAN"),
    TIMESTAMP("timestamp", "TIMESTAMP"),
    DATE("date", "DATE"),
    DECIMAL("decimal", "DECIMAL");

    private final String cql;
    private final String codecConstant;

    Scalar(String cql, String codecConstant) {
      this.cql = cql;
      this.codecConstant = codecConstant;
    }

    public String cql() {
      return cql;
    }

    /** The constant of {@code com.datastax.oss.driver.api.core.type.codec.TypeCodecs} for this type. */
    public String codecConstant() {
      return codecConstant;
    }
  }

  /** A scalar column; {@code javaType} is primitive for {@code int}, {@code long}, ... components. */
  record Simple(Scalar scalar, TypeName javaType) implements ColumnType {
    public Simple {
      Objects.requireNonNull(scalar);
      Objects.requireNonNull(javaType);
    }

    @Override
    public String cql() {
      return scalar.cql();
    }

    @Override
    public boolean keyable() {
      return true;
    }
  }

  /** An enum stored by {@code name()} in a {@code text} column. */
  record EnumName(ClassName enumType) implements ColumnType {
    @Override
    public String cql() {
      return "text";
    }

    @Override
    public boolean keyable() {
      return true;
    }
  }

  /** A record stored as JSON text (Jackson, with the Java time module). */
  record Json(ClassName recordType) implements ColumnType {
    @Override
    public String cql() {
      return "text";
    }

    @Override
    public boolean keyable() {
      return false;
    }
  }

  /** {@code list<e>}. */
  record ListOf(ColumnType element) implements ColumnType {
    @Override
    public String cql() {
      return "list<" + element.cql() + ">";
    }

    @Override
    public boolean keyable() {
      return false;
    }
  }

  /** {@code set<e>}. */
  record SetOf(ColumnType element) implements ColumnType {
    @Override
    public String cql() {
      return "set<" + element.cql() + ">";
    }

    @Override
    public boolean keyable() {
      return false;
    }
  }

  /** {@code map<k, v>}. */
  record MapOf(ColumnType key, ColumnType value) implements ColumnType {
    @Override
    public String cql() {
      return "map<" + key.cql() + ", " + value.cql() + ">";
    }

    @Override
    public boolean keyable() {
      return false;
    }
  }
}
