package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message} about sagas: {@code @Saga}, {@code @SagaEventHandler}, {@code @StartSaga}, {@code
 * @EndSaga} and {@code @DeadlineHandler} (see {@link DiagnosticsTesting}).
 */
class SagaDiagnosticsTest extends DiagnosticsTesting {

  private static final String SAGA_HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.saga.SagaContext;
      import dev.es.runtime.saga.SagaDeadline;
      import java.util.UUID;

      record OrderPlaced(UUID orderId, String customer, long cents) {}
      record OrderShipped(UUID orderId) {}

      """;

  private static JavaFileObject saga(String body) {
    return source("test.Orders", SAGA_HEADER + body);
  }

  @DiagnosticTest(Message.SAGA_KIND)
  void sagaOnAnInterfaceOrAbstractClass() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            interface Orders {}
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_KIND, c, file, "interface Orders {}");
    assertThat(message(c)).contains("@Saga Orders is an interface, not a class or record.");

    JavaFileObject abstractClass =
        saga(
            """
            @Saga(name = "orders")
            abstract class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(abstractClass);
    expect(Message.SAGA_KIND, c2, abstractClass, "abstract class Orders {");
    assertThat(message(c2)).contains("@Saga Orders is abstract.");
  }

  @DiagnosticTest(Message.SAGA_NAME)
  void sagaNameBlankOrMalformed() {
    JavaFileObject blank =
        saga(
            """
            @Saga(name = " ")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(blank);
    expect(Message.SAGA_NAME, c, blank, "@Saga(name = \" \")");
    assertThat(message(c)).contains("Saga name \" \" of Orders is blank.");

    JavaFileObject colon =
        saga(
            """
            @Saga(name = "orders:v2")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(colon);
    expect(Message.SAGA_NAME, c2, colon, "@Saga(name = \"orders:v2\")");
    assertThat(message(c2)).contains("contains characters other than letters");
  }

  @DiagnosticTest(Message.SAGA_DUPLICATE)
  void twoSagasWithOneName() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }

            @Saga(name = "orders")
            class Shipping {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderShipped e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_DUPLICATE, c, file, "class Shipping {");
    assertThat(message(c)).contains("Saga name \"orders\" of test.Shipping is already used by test.Orders.");
  }

  @DiagnosticTest(Message.SAGA_CONSTRUCTOR)
  void sagaWithoutCallableConstructor() {
    JavaFileObject record =
        saga(
            """
            @Saga(name = "orders")
            record Orders(UUID orderId) {
              @StartSaga @SagaEventHandler(associationProperty = "orderId")
              Orders on(OrderPlaced e) { return new Orders(e.orderId()); }
            }
            """);
    Compilation c = compile(record);
    expect(Message.SAGA_CONSTRUCTOR, c, record, "record Orders(UUID orderId) {");
    assertThat(message(c))
        .contains("@Saga Orders has no non-private constructor without parameters, which the generated"
            + " Orders_SagaType calls");
    assertThat(message(c)).contains("Add 'Orders() { this(...initial state...); }'.");

    JavaFileObject privateConstructor =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              private Orders() {}
              Orders(UUID orderId) {}
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(privateConstructor);
    expect(Message.SAGA_CONSTRUCTOR, c2, privateConstructor, "class Orders {");
  }

  @DiagnosticTest(Message.SAGA_START)
  void sagaWithoutStartHandler() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_START, c, file, "class Orders {");
    assertThat(message(c)).contains("@Saga Orders has no @StartSaga handler");
  }

  @DiagnosticTest(Message.SAGA_OUTSIDE)
  void sagaHandlerOutsideASaga() {
    JavaFileObject file =
        saga(
            """
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_OUTSIDE, c, file, "void on(OrderPlaced e)");
    assertThat(message(c))
        .contains("@SagaEventHandler method on() is in Orders, which is not annotated @Saga.");

    JavaFileObject deadline =
        saga(
            """
            class Orders {
              @DeadlineHandler("retry") void retry() {}
            }
            """);
    Compilation c2 = compile(deadline);
    expect(Message.SAGA_OUTSIDE, c2, deadline, "void retry()");
  }

  @DiagnosticTest(Message.SAGA_MARKER)
  void startOrEndSagaWithoutAHandler() {
    JavaFileObject start =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @StartSaga void on(OrderShipped e) {}
            }
            """);
    Compilation c = compile(start);
    expect(Message.SAGA_MARKER, c, start, "@StartSaga void on(OrderShipped e)");
    assertThat(message(c)).contains("@StartSaga method Orders.on() is not a @SagaEventHandler.");

    JavaFileObject end =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @EndSaga void done() {}
            }
            """);
    Compilation c2 = compile(end);
    expect(Message.SAGA_MARKER, c2, end, "@EndSaga void done()");
    assertThat(message(c2)).contains("is neither a @SagaEventHandler nor a @DeadlineHandler");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_MODIFIERS)
  void sagaHandlerStaticOrPrivate() {
    JavaFileObject isStatic =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") static void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(isStatic);
    expect(Message.SAGA_HANDLER_MODIFIERS, c, isStatic, "static void on(OrderPlaced e)");
    assertThat(message(c)).contains("Saga handler Orders.on() must not be static");

    JavaFileObject isPrivate =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") private void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(isPrivate);
    expect(Message.SAGA_HANDLER_MODIFIERS, c2, isPrivate, "private void on(OrderPlaced e)");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_ARITY)
  void sagaHandlerArity() {
    JavaFileObject none =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on() {}
            }
            """);
    Compilation c = compile(none);
    expect(Message.SAGA_HANDLER_ARITY, c, none, "void on() {}");
    assertThat(message(c)).contains("@SagaEventHandler method Orders.on() takes 0 parameters.");
    assertThat(message(c)).contains("'void on(SomeEvent e, SagaContext context)'");

    JavaFileObject three =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId")
              void on(OrderPlaced e, SagaContext context, String extra) {}
            }
            """);
    Compilation c2 = compile(three);
    expect(Message.SAGA_HANDLER_ARITY, c2, three, "void on(OrderPlaced e, SagaContext context, String extra)");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_PARAM)
  void sagaHandlerParameterTypes() {
    JavaFileObject notRecord =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(String e) {}
            }
            """);
    Compilation c = compile(notRecord);
    expect(Message.SAGA_HANDLER_PARAM, c, notRecord, "void on(String e)");
    assertThat(message(c)).contains("@SagaEventHandler parameter 'e' has type java.lang.String, but events are"
        + " records");

    JavaFileObject secondNotContext =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e,
                  SagaDeadline deadline) {}
            }
            """);
    Compilation c2 = compile(secondNotContext);
    expect(Message.SAGA_HANDLER_PARAM, c2, secondNotContext, "SagaDeadline deadline) {}");
    assertThat(message(c2)).contains("the second parameter of a saga handler must be dev.es.runtime.saga.SagaContext");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_RETURN)
  void sagaHandlerReturnType() {
    JavaFileObject record =
        saga(
            """
            @Saga(name = "orders")
            record Orders(UUID orderId) {
              Orders() { this(null); }
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(record);
    expect(Message.SAGA_HANDLER_RETURN, c, record, "void on(OrderPlaced e)");
    assertThat(message(c)).contains("Saga handler Orders.on() of record saga Orders returns void; it must return"
        + " the next state, of type Orders");

    JavaFileObject mutable =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") Orders on(OrderPlaced e) { return this; }
            }
            """);
    Compilation c2 = compile(mutable);
    expect(Message.SAGA_HANDLER_RETURN, c2, mutable, "Orders on(OrderPlaced e)");
    assertThat(message(c2)).contains("of mutable saga Orders returns test.Orders; it must return void");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_DUPLICATE)
  void twoSagaHandlersForOneEvent() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @SagaEventHandler(associationProperty = "orderId") void again(OrderPlaced e, SagaContext c) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_HANDLER_DUPLICATE, c, file, "void again(OrderPlaced e, SagaContext c)");
    assertThat(message(c)).contains("Orders already has a @SagaEventHandler for OrderPlaced: Orders.on().");
  }

  @DiagnosticTest(Message.SAGA_HANDLER_OLD_REVISION)
  void sagaHandlerOfAnOldRevision() {
    JavaFileObject file =
        saga(
            """
            @Event(name = "Paid", revision = 1)
            record PaidV1(UUID orderId) {
              @Upcast Paid next() { return new Paid(orderId, 0); }
            }
            @Event(revision = 2)
            record Paid(UUID orderId, long cents) {}

            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(PaidV1 e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_HANDLER_OLD_REVISION, c, file, "void on(PaidV1 e)");
    assertThat(message(c)).contains("PaidV1 is revision 1 of event \"Paid\", but revision 2 exists (Paid)");
  }

  @DiagnosticTest(Message.SAGA_ASSOCIATION)
  void associationPropertyNotOnTheEvent() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderID") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_ASSOCIATION, c, file, "associationProperty = \"orderID\"");
    assertThat(message(c))
        .contains("Association property \"orderID\" of Orders.on() is not a component of record OrderPlaced."
            + " Its components are: orderId, customer, cents. Did you mean \"orderId\"?");

    JavaFileObject blank =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(blank);
    expect(Message.SAGA_ASSOCIATION, c2, blank, "associationProperty = \"\"");
    assertThat(message(c2)).contains("Association property \"\" of Orders.on() is blank.");
  }

  @DiagnosticTest(Message.DEADLINE_SIGNATURE)
  void deadlineHandlerSignature() {
    JavaFileObject wrongParameter =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(SagaDeadline deadline,
                  String reason) {}
            }
            """);
    Compilation c = compile(wrongParameter);
    expect(Message.DEADLINE_SIGNATURE, c, wrongParameter, "String reason) {}");
    assertThat(message(c)).contains("@DeadlineHandler method Orders.retry() has parameter 'reason' of type"
        + " java.lang.String where only a SagaDeadline (first) or a SagaContext (last) may be.");

    JavaFileObject swapped =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(SagaContext context, SagaDeadline deadline) {}
            }
            """);
    assertThat(compile(swapped).errors()).hasSize(2); // each parameter is where the other belongs

    JavaFileObject isStatic =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") static void retry() {}
            }
            """);
    Compilation c3 = compile(isStatic);
    expect(Message.DEADLINE_SIGNATURE, c3, isStatic, "static void retry()");
    assertThat(message(c3)).contains("must not be static");

    JavaFileObject blankName =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("") void retry() {}
            }
            """);
    Compilation c4 = compile(blankName);
    expect(Message.DEADLINE_SIGNATURE, c4, blankName, "@DeadlineHandler(\"\")");
    assertThat(message(c4)).contains("has a blank deadline name");
  }

  @DiagnosticTest(Message.DEADLINE_DUPLICATE)
  void twoDeadlineHandlersForOneName() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry() {}
              @DeadlineHandler("retry") void again(SagaDeadline deadline) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.DEADLINE_DUPLICATE, c, file, "void again(SagaDeadline deadline)");
    assertThat(message(c)).contains("Orders.retry() already handles deadline \"retry\" in Orders.");
  }

  @DiagnosticTest(Message.NAME_COLLISION)
  void generatedSagaTypeNameTaken() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }

            class Orders_SagaType {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "class Orders {");
    assertThat(message(c)).contains("The processor generates test.Orders_SagaType for Orders");
  }

  @Test
  void everyProblemOfASagaIsReported() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "")
            class Orders {
              @SagaEventHandler(associationProperty = "id") static void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(String reason) {}
            }
            """);
    Compilation c = compile(file);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorCount(5);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-NAME]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-HANDLER-MODIFIERS]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-ASSOCIATION]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-DEADLINE-SIGNATURE]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-START]");
  }
}
