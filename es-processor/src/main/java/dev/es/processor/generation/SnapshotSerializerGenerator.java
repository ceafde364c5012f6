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
import dev.es.processor.model.AggregateStyle;
import dev.es.processor.model.SnapshotModel;
import dev.es.processor.model.StateFieldModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_SnapshotSerializer}: writes and reads the aggregate's state fields as a JSON object
 * with one property per field, without reflection over the aggregate (field values go through Jackson's
 * {@code ObjectMapper} with a {@code JavaType} built once per field). Its fingerprint is computed at compile time.
 */
public final class SnapshotSerializerGenerator {

  private static final ClassName SNAPSHOT_SERIALIZER = ClassName.get("dev.es.runtime.spi", "SnapshotSerializer");
  private static final ClassName OBJECT_MAPPER = ClassName.get("com.fasterxml.jackson.databind", "ObjectMapper");
  private static final ClassName JSON_MAPPER = ClassName.get("com.fasterxml.jackson.databind.json", "JsonMapper");
  private static final ClassName JAVA_TYPE = ClassName.get("com.fasterxml.jackson.databind", "JavaType");
  private static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName OBJECT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");
  private static final ClassName DESERIALIZATION_FEATURE =
      ClassName.get("com.fasterxml.jackson.databind", "DeserializationFeature");
  private static final ClassName JAVA_TIME_MODULE =
      ClassName.get("com.fasterxml.jackson.datatype.jsr310", "JavaTimeModule");
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

    NameAllocator constants = new NameAllocator();
    constants.newName("FINGERPRINT");
    constants.newName("MAPPER");
    Map<StateFieldModel, String> typeConstants = new LinkedHashMap<>();
    List<FieldSpec> typeFields = new ArrayList<>();
    for (StateFieldModel field : snapshot.fields()) {
      if (field.isId()) {
        continue;
      }
      String constant = constants.newName(constantName(field.name()) + "_TYPE", field);
      typeConstants.put(field, constant);
      typeFields.add(
          FieldSpec.builder(JAVA_TYPE, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer(javaType(field.type()))
              .build());
    }

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
            .addField(
                FieldSpec.builder(OBJECT_MAPPER, "MAPPER", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(
                        "$T.builder()\n$>$>.addModule(new $T())\n.enable($T.FAIL_ON_NULL_FOR_PRIMITIVES)\n.build()$<$<",
                        JSON_MAPPER, JAVA_TIME_MODULE, DESERIALIZATION_FEATURE)
                    .build())
            .addFields(typeFields)
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
            .addMethod(readMethod(model, snapshot, typeConstants));
    if (!typeConstants.isEmpty()) {
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
            .addStatement("$T root = MAPPER.createObjectNode()", OBJECT_NODE);
    for (StateFieldModel field : snapshot.fields()) {
      if (field.isId()) {
        continue;
      }
      CodeBlock value =
          model.style() == AggregateStyle.RECORD
              ? CodeBlock.of("aggregate.$N()", field.name())
              : CodeBlock.of("aggregate.$N", field.name());
      if (PUT_TYPES.contains(field.type())) {
        write.addStatement("root.put($S, $L)", field.name(), value);
      } else {
        write.addStatement("root.set($S, MAPPER.valueToTree($L))", field.name(), value);
      }
    }
    return write
        .beginControlFlow("try")
        .addStatement("return MAPPER.writeValueAsString(root)")
        .nextControlFlow("catch ($T e)", JSON_PROCESSING_EXCEPTION)
        .addStatement(
            "throw new $T($S, e)", IllegalStateException.class, "Cannot write a snapshot of " + model.name())
        .endControlFlow()
        .build();
  }

  private static MethodSpec readMethod(
      AggregateModel model, SnapshotModel snapshot, Map<StateFieldModel, String> typeConstants) {
    MethodSpec.Builder read =
        MethodSpec.methodBuilder("read")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(model.aggregate())
            .addParameter(UUID.class, "id")
            .addParameter(String.class, "json")
            .beginControlFlow("try")
            .addStatement("$T root = MAPPER.readTree(json)", JSON_NODE)
            .beginControlFlow("if (root == null || !root.isObject())")
            .addStatement(
                "throw new $T($S)", IllegalArgumentException.class,
                "Snapshot of " + model.name() + " is not a JSON object")
            .endControlFlow();
    if (model.style() == AggregateStyle.RECORD) {
      NameAllocator locals = new NameAllocator();
      for (String reserved : List.of("id", "json", "root", "e")) {
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
            "$T $N = MAPPER.treeToValue(field(root, $S), $N)",
            field.type(), local, field.name(), typeConstants.get(field));
        arguments.add(CodeBlock.of("$N", local));
      }
      read.addStatement("return new $T($L)", model.aggregate(), CodeBlock.join(arguments, ", "));
    } else {
      read.addStatement("$T aggregate = new $T(id)", model.aggregate(), model.aggregate());
      for (StateFieldModel field : snapshot.fields()) {
        read.addStatement(
            "aggregate.$N = MAPPER.treeToValue(field(root, $S), $N)",
            field.name(), field.name(), typeConstants.get(field));
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

  /** {@code MAPPER.constructType(...)} or a type-factory expression for a (possibly generic) field type. */
  static CodeBlock javaType(TypeName type) {
    if (type instanceof ParameterizedTypeName parameterized) {
      List<CodeBlock> arguments = new ArrayList<>();
      for (TypeName argument : parameterized.typeArguments()) {
        arguments.add(javaType(argument));
      }
      return CodeBlock.of(
          "MAPPER.getTypeFactory().constructParametricType($T.class, $L)",
          parameterized.rawType(), CodeBlock.join(arguments, ", "));
    }
    if (type instanceof ArrayTypeName array) {
      return CodeBlock.of("MAPPER.getTypeFactory().constructArrayType($L)", javaType(array.componentType()));
    }
    if (type instanceof WildcardTypeName wildcard) {
      return javaType(wildcard.upperBounds().isEmpty() ? ClassName.OBJECT : wildcard.upperBounds().get(0));
    }
    return CodeBlock.of("MAPPER.constructType($T.class)", type);
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
