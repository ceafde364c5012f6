package dev.es.processor.generation;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.SnapshotModel;
import dev.es.processor.model.StateFieldModel;
import dev.es.processor.model.StateStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_SnapshotSerializer}: writes and reads the aggregate's state fields as a JSON object
 * with one property per field, without reflection over the aggregate. Field values go through the
 * {@code ObjectMapper} the runtime passes to {@code write} and {@code read} (the store's
 * {@code EventStoreOptions.objectMapper()}), so snapshots use the same Jackson modules and settings as events; the
 * generated class builds no mapper and holds no state. Its fingerprint is computed at compile time.
 */
public final class SnapshotSerializerGenerator {

  private static final ClassName SNAPSHOT_SERIALIZER = ClassName.get("dev.es.runtime.spi", "SnapshotSerializer");
  private static final ClassName OBJECT_MAPPER = ClassName.get("com.fasterxml.jackson.databind", "ObjectMapper");
  private static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName DESERIALIZATION_FEATURE =
      ClassName.get("com.fasterxml.jackson.databind", "DeserializationFeature");
  private static final ClassName OBJECT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");
  private static final ClassName JSON_PROCESSING_EXCEPTION =
      ClassName.get("com.fasterxml.jackson.core", "JsonProcessingException");

  /** Types written with {@code ObjectNode.put} overloads instead of {@code valueToTree}. */
  private static final Set<TypeName> PUT_TYPES =
      Set.of(
          TypeName.BOOLEAN, TypeName.SHORT, TypeName.INT, TypeName.LONG, TypeName.FLOAT, TypeName.DOUBLE,
          ClassName.get(String.class), ClassName.get(Boolean.class), ClassName.get(Short.class),
          ClassName.get(Integer.class), ClassName.get(Long.class), ClassName.get(Float.class),
          ClassName.get(Double.class));

  public JavaFile generate(AggregateModel model) {
    SnapshotModel snapshot = model.snapshot().orElseThrow();
    ClassName aggregate = model.aggregate();
    ClassName self = GeneratedNames.snapshotSerializer(aggregate);

    boolean readsFields = snapshot.fields().stream().anyMatch(field -> !field.isId());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", aggregate)
            .addJavadoc("\n<p>Writes and reads snapshots of aggregate type {@code $S} as JSON.\n", model.name())
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(SNAPSHOT_SERIALIZER, aggregate))
            .addOriginatingElement(model.element())
            .addField(
                FieldSpec.builder(String.class, "FINGERPRINT", Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("SHA-256 of:\n<pre>\n$L\n</pre>\n", snapshot.fingerprintSource())
                    .initializer("$S", snapshot.fingerprint())
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("Called by {@link $T}.\n", GeneratedNames.aggregateType(aggregate))
                    .addModifiers(Modifier.PUBLIC)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("fingerprint")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addStatement("return FINGERPRINT")
                    .build())
            .addMethod(writeMethod(model, snapshot))
            .addMethod(readMethod(model, snapshot));
    if (readsFields) {
      type.addMethod(
          MethodSpec.methodBuilder("field")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(JSON_NODE)
              .addParameter(JSON_NODE, "root")
              .addParameter(String.class, "name")
              .addStatement("$T value = root.get(name)", JSON_NODE)
              .beginControlFlow("if (value == null)")
              .addStatement(
                  "throw new $T($S + name + $S)", IllegalArgumentException.class,
                  "Snapshot of " + model.name() + " has no field \"", "\"")
              .endControlFlow()
              .addStatement("return value")
              .build());
    }
    return GeneratedTypes.file(aggregate.packageName(), type.build());
  }

  private static MethodSpec writeMethod(AggregateModel model, SnapshotModel snapshot) {
    MethodSpec.Builder write =
        MethodSpec.methodBuilder("write")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addParameter(model.aggregate(), "aggregate")
            .addParameter(OBJECT_MAPPER, "mapper")
            .addStatement("$T root = mapper.createObjectNode()", OBJECT_NODE);
    for (StateFieldModel field : snapshot.fields()) {
      if (field.isId()) {
        continue;
      }
      CodeBlock value =
          model.style() == StateStyle.RECORD
              ? CodeBlock.of("aggregate.$N()", field.name())
              : CodeBlock.of("aggregate.$N", field.name());
      if (PUT_TYPES.contains(field.type())) {
        write.addStatement("root.put($S, $L)", field.name(), value);
      } else {
        write.addStatement("root.set($S, mapper.valueToTree($L))", field.name(), value);
      }
    }
    return write
        .beginControlFlow("try")
        .addStatement("return mapper.writeValueAsString(root)")
        .nextControlFlow("catch ($T e)", JSON_PROCESSING_EXCEPTION)
        .addStatement(
            "throw new $T($S, e)", IllegalStateException.class, "Cannot write a snapshot of " + model.name())
        .endControlFlow()
        .build();
  }

  private static MethodSpec readMethod(AggregateModel model, SnapshotModel snapshot) {
    MethodSpec.Builder read =
        MethodSpec.methodBuilder("read")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(model.aggregate())
            .addParameter(UUID.class, "id")
            .addParameter(String.class, "json")
            .addParameter(OBJECT_MAPPER, "mapper")
            .beginControlFlow("try")
            // a tree keeps a fractional number as a double unless told otherwise: a BigDecimal would lose digits
            .addStatement(
                "$T root = mapper.reader().with($T.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json)", JSON_NODE,
                DESERIALIZATION_FEATURE)
            .beginControlFlow("if (root == null || !root.isObject())")
            .addStatement(
                "throw new $T($S)", IllegalArgumentException.class,
                "Snapshot of " + model.name() + " is not a JSON object")
            .endControlFlow();
    if (model.style() == StateStyle.RECORD) {
      NameAllocator locals = new NameAllocator();
      for (String reserved : List.of("id", "json", "mapper", "root", "e")) {
        locals.newName(reserved);
      }
      List<CodeBlock> arguments = new ArrayList<>();
      for (StateFieldModel field : snapshot.fields()) {
        if (field.isId()) {
          arguments.add(CodeBlock.of("id"));
          continue;
        }
        String local = locals.newName(field.name(), field);
        read.addStatement(
            "$T $N = mapper.treeToValue(field(root, $S), $L)",
            field.type(), local, field.name(), javaType(field.type()));
        arguments.add(CodeBlock.of("$N", local));
      }
      read.addStatement("return new $T($L)", model.aggregate(), CodeBlock.join(arguments, ", "));
    } else {
      read.addStatement("$T aggregate = new $T(id)", model.aggregate(), model.aggregate());
      for (StateFieldModel field : snapshot.fields()) {
        read.addStatement(
            "aggregate.$N = mapper.treeToValue(field(root, $S), $L)",
            field.name(), field.name(), javaType(field.type()));
      }
      read.addStatement("return aggregate");
    }
    return read
        .nextControlFlow("catch ($T | $T e)", JSON_PROCESSING_EXCEPTION, RuntimeException.class)
        .addStatement(
            "throw new $T($S, e)", IllegalArgumentException.class,
            "Snapshot of " + model.name() + " does not have the expected shape")
        .endControlFlow()
        .build();
  }

  /**
   * What {@code mapper.treeToValue} reads a field as: {@code Foo.class} for a plain type, else a type-factory
   * expression of the given mapper for a generic or array type (its type factory caches what it builds).
   */
  static CodeBlock javaType(TypeName type) {
    if (type instanceof ParameterizedTypeName || type instanceof ArrayTypeName) {
      return typeExpression(type);
    }
    return CodeBlock.of("$T.class", type);
  }

  private static CodeBlock typeExpression(TypeName type) {
    if (type instanceof ParameterizedTypeName parameterized) {
      List<CodeBlock> arguments = new ArrayList<>();
      for (TypeName argument : parameterized.typeArguments()) {
        arguments.add(typeExpression(argument));
      }
      return CodeBlock.of(
          "mapper.getTypeFactory().constructParametricType($T.class, $L)",
          parameterized.rawType(), CodeBlock.join(arguments, ", "));
    }
    if (type instanceof ArrayTypeName array) {
      return CodeBlock.of("mapper.getTypeFactory().constructArrayType($L)", typeExpression(array.componentType()));
    }
    if (type instanceof WildcardTypeName wildcard) {
      return typeExpression(wildcard.upperBounds().isEmpty() ? ClassName.OBJECT : wildcard.upperBounds().get(0));
    }
    return CodeBlock.of("mapper.constructType($T.class)", type);
  }

  /** {@code balanceCents} becomes {@code BALANCE_CENTS}. */
  static String constantName(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(field.charAt(i - 1))) {
        out.append('_');
      }
      out.append(c);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
