package dev.es.processor.generation;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.ApplyHandlerModel;
import dev.es.processor.model.ColumnModel;
import dev.es.processor.model.ColumnModel.KeyRole;
import dev.es.processor.model.ColumnType;
import dev.es.processor.model.DeadlineHandlerModel;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.model.PersonalFieldModel;
import dev.es.processor.model.ProjectionModel;
import dev.es.processor.model.ProjectorHandlerModel;
import dev.es.processor.model.ProjectorModel;
import dev.es.processor.model.SagaHandlerModel;
import dev.es.processor.model.SagaModel;
import dev.es.processor.model.SnapshotModel;
import dev.es.processor.model.StateFieldModel;
import dev.es.processor.model.StateStyle;
import dev.es.processor.util.CqlNames;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Generators are pure functions of the model: tested here without javac. */
class GeneratorsTest {

  private static final ClassName ORDER = ClassName.get("shop", "Shop", "Order");
  private static final ClassName PLACED = ClassName.get("shop", "OrderPlaced");
  private static final ClassName PLACED_V1 = ClassName.get("shop", "OrderPlacedV1");

  private static AggregateModel model(StateStyle style, boolean snapshots) {
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
                    0,
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
    assertThat(new AggregateTypeGenerator().generate(model(StateStyle.MUTABLE, false)).typeSpec().name())
        .isEqualTo("Shop_Order_AggregateType");
    assertThat(new RepositoryGenerator().generate(model(StateStyle.MUTABLE, false)).typeSpec().name())
        .isEqualTo("Shop_OrderRepository");
    assertThat(new SnapshotSerializerGenerator().generate(model(StateStyle.RECORD, true)).typeSpec().name())
        .isEqualTo("Shop_Order_SnapshotSerializer");
  }

  @Test
  void dispatcherIsAnInstanceofChainAndRegistryListsTheUpcastChain() {
    String code = new AggregateTypeGenerator().generate(model(StateStyle.RECORD, false)).toString();
    assertThat(code).contains("if (event instanceof OrderPlaced e) {\n      return aggregate.on(e);\n    }");
    assertThat(code)
        .contains("EventType.upcasting(\"OrderPlaced\", 1, OrderPlacedV1.class, older -> older.toV2())");
    assertThat(code).contains("EventType.newest(\"OrderPlaced\", 2, OrderPlaced.class)");
    assertThat(code).contains("super(\"Order\", Shop.Order.class, OrderEvent.class, 0, 0, null,\n");
    assertThat(code).contains("return new Shop.Order(id);");
  }

  @Test
  void registryEntriesOfRecordsWithPersonalDataListTheirFieldsInOrder() {
    List<PersonalFieldModel> fields =
        List.of(new PersonalFieldModel("mail", "cid"), new PersonalFieldModel("name", "cid"));
    List<String> entries =
        AggregateTypeGenerator.eventTypeEntries(
                List.of(
                    new EventTypeModel(
                        "OrderPlaced", 1, PLACED_V1, Optional.of("toV2"),
                        List.of(new PersonalFieldModel("email", "customerId"))),
                    new EventTypeModel("OrderPlaced", 2, PLACED, Optional.empty(), fields),
                    new EventTypeModel("OrderShipped", 1, ClassName.get("shop", "OrderShipped"), Optional.empty())))
            .stream()
            .map(CodeBlock::toString)
            .toList();
    assertThat(entries)
        .containsExactly(
            "dev.es.runtime.spi.EventType.upcasting(\"OrderPlaced\", 1, shop.OrderPlacedV1.class,"
                + " older -> older.toV2())\n"
                + "    .withPersonalData(new dev.es.runtime.spi.PersonalField(\"email\", \"customerId\"))",
            "dev.es.runtime.spi.EventType.newest(\"OrderPlaced\", 2, shop.OrderPlaced.class)\n    .withPersonalData("
                + "new dev.es.runtime.spi.PersonalField(\"mail\", \"cid\"), "
                + "new dev.es.runtime.spi.PersonalField(\"name\", \"cid\"))",
            "dev.es.runtime.spi.EventType.newest(\"OrderShipped\", 1, shop.OrderShipped.class)")
        .inOrder();
  }

  @Test
  void mutableDispatcherReturnsTheSameInstance() {
    String code = new AggregateTypeGenerator().generate(model(StateStyle.MUTABLE, false)).toString();
    assertThat(code).contains("aggregate.on(e);\n      return aggregate;");
  }

  @Test
  void recordSnapshotTakesTheIdFromTheStreamAndBuildsGenericTypes() {
    String code = new SnapshotSerializerGenerator().generate(model(StateStyle.RECORD, true)).toString();
    assertThat(code).doesNotContain("root.put(\"id\"");
    assertThat(code).contains("root.put(\"total\", aggregate.total());");
    assertThat(code).contains("root.set(\"lines\", mapper.valueToTree(aggregate.lines()));");
    assertThat(code)
        .contains("mapper.getTypeFactory().constructParametricType(List.class, mapper.constructType(String.class))");
    assertThat(code).doesNotContain("JsonMapper");
    assertThat(code).contains("return new Shop.Order(id, total, lines);");
    assertThat(code).contains("FINGERPRINT = \"abc\"");
  }

  @Test
  void repositoryExtendsTheRuntimeBaseOfItsStyle() {
    assertThat(new RepositoryGenerator().generate(model(StateStyle.MUTABLE, false)).toString())
        .contains("extends AggregateRootRepository<Shop.Order, OrderEvent>");
    assertThat(new RepositoryGenerator().generate(model(StateStyle.RECORD, false)).toString())
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

  private static final ClassName VIEW = ClassName.get("shop", "Shop", "OrderView");

  private static ProjectionModel projectionModel(boolean clustered) {
    ClassName status = ClassName.get("shop", "Status");
    List<ColumnModel> columns = new java.util.ArrayList<>(List.of(
        new ColumnModel("tenant", "tenant", TypeName.INT, new ColumnType.Simple(ColumnType.Scalar.INT, TypeName.INT),
            KeyRole.PARTITION_KEY, 1),
        new ColumnModel("orderId", "order_id", ClassName.get(java.util.UUID.class),
            new ColumnType.Simple(ColumnType.Scalar.UUID, ClassName.get(java.util.UUID.class)), KeyRole.PARTITION_KEY, 0),
        new ColumnModel("tags", "tags",
            ParameterizedTypeName.get(ClassName.get(java.util.Map.class), ClassName.get(String.class), status),
            new ColumnType.MapOf(
                new ColumnType.Simple(ColumnType.Scalar.TEXT, ClassName.get(String.class)),
                new ColumnType.EnumName(status)),
            KeyRole.REGULAR, 0)));
    if (clustered) {
      columns.add(new ColumnModel("day", "day", ClassName.get(java.time.LocalDate.class),
          new ColumnType.Simple(ColumnType.Scalar.DATE, ClassName.get(java.time.LocalDate.class)),
          KeyRole.CLUSTERING_COLUMN, 0));
    }
    return new ProjectionModel(null, VIEW, "order_view", columns);
  }

  @Test
  void tableDefinitionOrdersKeysByIndexAndCollectionsNestTheirCodecs() {
    String code = new ProjectionTableGenerator().generate(projectionModel(true)).toString();
    assertThat(new ProjectionTableGenerator().generate(projectionModel(true)).typeSpec().name())
        .isEqualTo("Shop_OrderViewTable");
    assertThat(code).contains(
        "CREATE_TABLE = \"CREATE TABLE IF NOT EXISTS order_view (tenant int, order_id uuid, tags map<text, text>,"
            + " day date, PRIMARY KEY ((order_id, tenant), day))\"");
    assertThat(code).contains(
        "TypeCodec<Map<String, Status>> TAGS_CODEC = TypeCodecs.mapOf(TypeCodecs.TEXT,"
            + " ExtraTypeCodecs.enumNamesOf(Status.class));");
    assertThat(code).contains("public Optional<Shop.OrderView> find(UUID orderId, int tenant, LocalDate day)");
    assertThat(code).contains("public Stream<Shop.OrderView> findByPartition(UUID orderId, int tenant)");
    assertThat(code).contains("WHERE order_id = ? AND tenant = ? AND day = ?");
    assertThat(code).contains(".setInt(0, row.tenant())");
    assertThat(code).doesNotContain("ObjectMapper"); // no JSON column
  }

  @Test
  void tableWithoutClusteringColumnsHasNoPartitionQueries() {
    String code = new ProjectionTableGenerator().generate(projectionModel(false)).toString();
    assertThat(code).doesNotContain("findByPartition");
    assertThat(code).doesNotContain("deletePartition");
    assertThat(code).doesNotContain("upsertAllAsync");
    assertThat(code).contains("public void delete(UUID orderId, int tenant)");
  }

  @Test
  void projectionDispatchesOnThePayloadAndHandlesTheStoredTypeNamesOfItsEvents() {
    ClassName placed = ClassName.get("shop", "OrderPlaced");
    ClassName cancelled = ClassName.get("shop", "OrderCancelled");
    ProjectorModel quiet = new ProjectorModel(
        null, ClassName.get("shop", "Shop", "Orders"), "orders",
        List.of(new ProjectorHandlerModel("on", placed, "placed", true, false, false),
            new ProjectorHandlerModel("cancel", cancelled, "OrderCancelled", false, false, true)),
        Optional.empty(), false);
    String code = new ProjectorGenerator().generate(quiet).toString();
    assertThat(new ProjectorGenerator().generate(quiet).typeSpec().name()).isEqualTo("Shop_Orders_Projection");
    assertThat(code).contains("EVENT_TYPES = Set.of(\"placed\", \"OrderCancelled\");");
    assertThat(code).contains("return EVENT_TYPES.contains(eventType);");
    assertThat(code).contains(
        "if (payload instanceof OrderPlaced e) {\n        projector.on(e, event);\n        return HANDLED;");
    assertThat(code).contains("if (payload instanceof OrderCancelled e) {\n        return handled(projector.cancel(e),"
        + " \"Shop.Orders.cancel(OrderCancelled)\");");
    assertThat(code).contains("} catch (Exception failure) {\n      return CompletableFuture.failedFuture(failure);");
    assertThat(code).contains("handleAsync(event).toCompletableFuture().get();");
    assertThat(code).contains("private static CompletionStage<Void> handled(");
    assertThat(code).doesNotContain("reset()");
    ProjectorModel loud = new ProjectorModel(
        null, ClassName.get("shop", "Orders"), "orders",
        List.of(new ProjectorHandlerModel("on", placed, "OrderPlaced", false, true, false)),
        Optional.of("wipe"), true);
    String loudCode = new ProjectorGenerator().generate(loud).toString();
    assertThat(loudCode).contains("public void reset() throws Exception {\n    projector.wipe();");
    assertThat(loudCode).doesNotContain("handled(");
  }

  @Test
  void cqlNames() {
    assertThat(CqlNames.snakeCase("userId")).isEqualTo("user_id");
    assertThat(CqlNames.snakeCase("URLPath")).isEqualTo("url_path");
    assertThat(CqlNames.snakeCase("line2Total")).isEqualTo("line2_total");
    assertThat(CqlNames.snakeCase("id")).isEqualTo("id");
    assertThat(CqlNames.problem("user_by_email")).isEmpty();
    assertThat(CqlNames.problem("Table")).hasValue("is a reserved CQL keyword");
    assertThat(CqlNames.problem("_x")).hasValue("is not an unquoted CQL identifier");
    assertThat(CqlNames.problem("a".repeat(48))).isEmpty();
    assertThat(CqlNames.problem("a".repeat(49))).hasValue("is longer than 48 characters");
  }

  private static SagaModel saga(StateStyle style, boolean withDeadlines, boolean throwing) {
    return new SagaModel(
        null,
        ClassName.get("shop", "Shop", "Fulfilment"),
        "fulfilment",
        style,
        List.of(
            new SagaHandlerModel(
                "on", PLACED,
                List.of(
                    new EventTypeModel("OrderPlaced", 1, PLACED_V1, Optional.of("toV2")),
                    new EventTypeModel("OrderPlaced", 2, PLACED, Optional.empty())),
                "orderId", "orderId", true, false, true, throwing),
            new SagaHandlerModel(
                "shipped", ClassName.get("shop", "OrderShipped"),
                List.of(new EventTypeModel("OrderShipped", 1, ClassName.get("shop", "OrderShipped"), Optional.empty())),
                "id", "orderId", false, true, false, false)),
        withDeadlines
            ? List.of(
                new DeadlineHandlerModel("retry", "retry", true, true, false, false),
                new DeadlineHandlerModel("give-up", "giveUp", false, false, true, false))
            : List.of());
  }

  @Test
  void sagaTypeBindsThroughAccessorsUnderTheKeyAndRegistersTheUpcastChain() {
    String code = new SagaTypeGenerator().generate(saga(StateStyle.RECORD, true, false)).toString();
    assertThat(new SagaTypeGenerator().generate(saga(StateStyle.RECORD, true, false)).typeSpec().name())
        .isEqualTo("Shop_Fulfilment_SagaType");
    assertThat(code).contains("implements SagaType<Shop.Fulfilment>");
    assertThat(code).contains(
        "if (event instanceof OrderPlaced e) {\n      return Optional.of(SagaType.Binding.starting(\"orderId\", e.orderId()));");
    assertThat(code).contains("return Optional.of(SagaType.Binding.continuing(\"orderId\", e.id()));");
    assertThat(code)
        .contains("EventType.upcasting(\"OrderPlaced\", 1, OrderPlacedV1.class, older -> older.toV2())");
    assertThat(code).contains("return new Shop.Fulfilment();");
    // record style: the handler's result is the next state; @EndSaga ends after it
    assertThat(code).contains("return state.on(e, context);");
    assertThat(code).contains(
        "Shop.Fulfilment next = state.shipped(e);\n      context.end();\n      return next;");
    assertThat(code).contains("if (\"retry\".equals(deadline.name())) {\n      return state.retry(deadline, context);");
    assertThat(code).contains("Shop.Fulfilment next = state.giveUp();");
    assertThat(code).doesNotContain("throws Exception");
  }

  @Test
  void mutableSagaTypeReturnsTheSameStateAndDeclaresExceptionsOnlyWhenNeeded() {
    String code = new SagaTypeGenerator().generate(saga(StateStyle.MUTABLE, false, true)).toString();
    assertThat(code).contains("state.on(e, context);\n      return state;");
    assertThat(code).contains("state.shipped(e);\n      context.end();\n      return state;");
    assertThat(code.replaceAll("\\s+", " "))
        .contains("public Shop.Fulfilment handle(Shop.Fulfilment state, Object event, SagaContext context) throws"
            + " Exception {");
    assertThat(code).doesNotContain("onDeadline"); // the SPI's default rejects deadlines it was never given
  }
}
