package dev.es.processor.generation;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.AggregateStyle;
import dev.es.processor.model.ApplyHandlerModel;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.model.SnapshotModel;
import dev.es.processor.model.StateFieldModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Generators are pure functions of the model: tested here without javac. */
class GeneratorsTest {

  private static final ClassName ORDER = ClassName.get("shop", "Shop", "Order");
  private static final ClassName PLACED = ClassName.get("shop", "OrderPlaced");
  private static final ClassName PLACED_V1 = ClassName.get("shop", "OrderPlacedV1");

  private static AggregateModel model(AggregateStyle style, boolean snapshots) {
    return new AggregateModel(
        null,
        ORDER,
        "Order",
        style,
        ClassName.get("shop", "OrderEvent"),
        List.of(
            new ApplyHandlerModel(
                "on",
                PLACED,
                List.of(
                    new EventTypeModel("OrderPlaced", 1, PLACED_V1, Optional.of("toV2")),
                    new EventTypeModel("OrderPlaced", 2, PLACED, Optional.empty())))),
        snapshots
            ? Optional.of(
                new SnapshotModel(
                    25,
                    List.of(
                        new StateFieldModel("id", ClassName.get(java.util.UUID.class), true),
                        new StateFieldModel("total", TypeName.LONG, false),
                        new StateFieldModel(
                            "lines",
                            ParameterizedTypeName.get(
                                ClassName.get(List.class), ClassName.get(String.class)),
                            false)),
                    "abc",
                    "source"))
            : Optional.empty());
  }

  @Test
  void nestedAggregateGetsFlattenedPeerNames() {
    assertThat(new AggregateTypeGenerator().generate(model(AggregateStyle.MUTABLE, false)).typeSpec().name())
        .isEqualTo("Shop_Order_AggregateType");
    assertThat(new RepositoryGenerator().generate(model(AggregateStyle.MUTABLE, false)).typeSpec().name())
        .isEqualTo("Shop_OrderRepository");
    assertThat(new SnapshotSerializerGenerator().generate(model(AggregateStyle.RECORD, true)).typeSpec().name())
        .isEqualTo("Shop_Order_SnapshotSerializer");
  }

  @Test
  void dispatcherIsAnInstanceofChainAndRegistryListsTheUpcastChain() {
    String code = new AggregateTypeGenerator().generate(model(AggregateStyle.RECORD, false)).toString();
    assertThat(code).contains("if (event instanceof OrderPlaced e) {\n      return aggregate.on(e);\n    }");
    assertThat(code)
        .contains("EventType.upcasting(\"OrderPlaced\", 1, OrderPlacedV1.class, older -> older.toV2())");
    assertThat(code).contains("EventType.current(\"OrderPlaced\", 2, OrderPlaced.class)");
    assertThat(code).contains("SNAPSHOT_SERIALIZER = Optional.empty();");
    assertThat(code).contains("return new Shop.Order(id);");
  }

  @Test
  void mutableDispatcherReturnsTheSameInstance() {
    String code = new AggregateTypeGenerator().generate(model(AggregateStyle.MUTABLE, false)).toString();
    assertThat(code).contains("aggregate.on(e);\n      return aggregate;");
  }

  @Test
  void recordSnapshotTakesTheIdFromTheStreamAndBuildsGenericTypes() {
    String code = new SnapshotSerializerGenerator().generate(model(AggregateStyle.RECORD, true)).toString();
    assertThat(code).doesNotContain("root.put(\"id\"");
    assertThat(code).contains("root.put(\"total\", aggregate.total());");
    assertThat(code).contains("root.set(\"lines\", MAPPER.valueToTree(aggregate.lines()));");
    assertThat(code)
        .contains("MAPPER.getTypeFactory().constructParametricType(List.class, MAPPER.constructType(String.class))");
    assertThat(code).contains("return new Shop.Order(id, total, lines);");
    assertThat(code).contains("FINGERPRINT = \"abc\"");
  }

  @Test
  void repositoryExtendsTheRuntimeBaseOfItsStyle() {
    assertThat(new RepositoryGenerator().generate(model(AggregateStyle.MUTABLE, false)).toString())
        .contains("extends AggregateRootRepository<Shop.Order, OrderEvent>");
    assertThat(new RepositoryGenerator().generate(model(AggregateStyle.RECORD, false)).toString())
        .contains("extends RecordAggregateRepository<Shop.Order, OrderEvent>");
  }

  @Test
  void servicesFileIsSortedWithBinaryNames() {
    assertThat(
            new ServicesFileGenerator()
                .generate(List.of(ClassName.get("b", "Z"), ORDER, ClassName.get("a", "Y"))))
        .isEqualTo("a.Y_AggregateType\nb.Z_AggregateType\nshop.Shop_Order_AggregateType\n");
  }

  @Test
  void constantNames() {
    assertThat(SnapshotSerializerGenerator.constantName("balanceCents")).isEqualTo("BALANCE_CENTS");
    assertThat(SnapshotSerializerGenerator.constantName("url")).isEqualTo("URL");
  }
}
