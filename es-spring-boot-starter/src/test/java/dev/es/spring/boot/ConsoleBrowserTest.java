package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.ScheduledDeadline;
import dev.es.spring.boot.app.AutoCloser;
import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketApplication;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import dev.es.spring.boot.app.TicketRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console page in a browser ({@link ConsoleBrowser} says which): its Pause button holds a projection back and
 * the page shows the lag that builds up there while the others catch up; it shows a parked event and, through its
 * stream lookup, the event's payload; once the cause is fixed, its Retry button has the event handled, and the page
 * shows it gone and the retry in the audit trail; Resume lets the lag drain. Of the sagas, it shows a parked
 * instance, which its End button ends once confirmed, and a pending deadline; its lookup finds an instance by
 * association, with its state.
 */
@SpringBootTest(classes = {TicketApplication.class, ConsoleBrowserTest.JammingProjector.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "es.console.enabled=true",
        "management.endpoints.web.exposure.include=health,es,esadmin,esconsole",
        "es.projections.projection.console-parking.failure-policy=PARK",
        // runners follow a pause, a resume or a retry within a renewal interval: a quarter of this
        "es.feed.lease-duration=2s"})
class ConsoleBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int HELD_BACK = 3;
  private static final String SAGA = "auto-closer";
  /** How the page shows a time: to the second, in UTC. */
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    TestCassandra.register(registry);
  }

  @LocalServerPort int port;
  @Autowired TicketRepository tickets;
  @Autowired EsAdmin admin;

  /** Parks the tickets in {@link #JAMMED} (run with failure-policy PARK) and keeps which tickets it handled. */
  @Component
  @Projector(name = "console-parking")
  static class JammingProjector {
    static final Set<UUID> JAMMED = ConcurrentHashMap.newKeySet();
    static final Set<UUID> HANDLED = ConcurrentHashMap.newKeySet();

    @Handle void on(TicketOpened e) {
      if (JAMMED.contains(e.ticket())) {
        throw new IllegalStateException("the printer is jammed");
      }
      HANDLED.add(e.ticket());
    }
  }

  @Test
  void showsALagAndAParkedEventThatItsRetryButtonClears(@TempDir Path profile) {
    UUID jammed = UUID.randomUUID();
    JammingProjector.JAMMED.add(jammed);
    tickets.save(Ticket.open(jammed, "printer jammed"));
    await().atMost(PATIENCE).until(() -> admin.projectionNames().contains("ticket-views")
        && admin.parkedEvents("console-parking", 10).stream().anyMatch(p -> p.event().aggregateId().equals(jammed)));

    try (ConsoleBrowser browser = ConsoleBrowser.open(profile)) {
      WebDriver page = browser.driver;
      page.get("http://localhost:" + port + "/actuator/esconsole");
      String views = "tr[data-projection='ticket-views'] ";

      click(page, views + "button.pause");
      await().atMost(PATIENCE).until(() -> admin.projection("ticket-views").paused()
          && !admin.projection("ticket-views").running());
      for (int i = 0; i < HELD_BACK; i++) {
        tickets.save(Ticket.open(UUID.randomUUID(), "waiting " + i));
      }
      onPage().untilAsserted(() -> {
        assertThat(text(page, views + "td.state")).isEqualTo("PAUSED");
        assertThat(text(page, views + "td.lag")).isEqualTo(String.valueOf(HELD_BACK));
        assertThat(text(page, "tr[data-projection='console-parking'] td.lag")).isEqualTo("0");
        assertThat(text(page, "tr[data-projection='saga:auto-closer'] td.lag")).isEqualTo("0");
      });
      assertThat(admin.projection("ticket-views").lag()).isEqualTo(HELD_BACK);
      browser.screenshot("console-projections.png");

      String parked = "tr.parked[data-projection='console-parking'][data-aggregate='" + jammed
          + "'][data-version='1']";
      onPage().untilAsserted(() -> assertThat(text(page, parked))
          .contains("TicketOpened", "the printer is jammed"));
      page.findElement(By.id("stream-id")).sendKeys(jammed.toString());
      click(page, "#stream-form button");
      onPage().untilAsserted(() -> assertThat(text(page, "#stream tr.event pre"))
          .contains("\"title\": \"printer jammed\""));
      browser.screenshot("console-parked.png");

      JammingProjector.JAMMED.clear();
      click(page, parked + " button.retry");
      onPage().untilAsserted(() -> {
        assertThat(page.findElements(By.cssSelector(parked))).isEmpty();
        assertThat(JammingProjector.HANDLED).contains(jammed);
        assertThat(auditRows(page)).anySatisfy(row -> assertThat(row)
            .containsExactly(System.getProperty("user.name"), "parked.retry", "console-parking",
                "aggregate " + jammed + " version 1", "requested"));
      });
      assertThat(text(page, "#message")).isEqualTo("console-parking: retry requested");
      assertThat(admin.parkedEvents("console-parking", 10)).isEmpty();
      browser.screenshot("console-after-retry.png");

      click(page, views + "button.resume");
      onPage().untilAsserted(() -> {
        assertThat(text(page, views + "td.state")).isEqualTo("RUNNING");
        assertThat(text(page, views + "td.lag")).isEqualTo("0");
        assertThat(auditRows(page)).anySatisfy(row -> assertThat(row).contains("projection.pause"))
            .anySatisfy(row -> assertThat(row).contains("projection.resume"));
      });
    }
  }

  @Test
  void showsAParkedSagaInstanceThatItsEndButtonEndsAndAPendingDeadline(@TempDir Path profile) {
    UUID poisoned = UUID.randomUUID();
    UUID question = UUID.randomUUID();
    tickets.save(Ticket.open(poisoned, "poison pen letter"));
    tickets.save(Ticket.open(question, "question about an invoice"));
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(instanceOf(poisoned).parked()).isTrue();
      assertThat(deadlinesOf(question)).isNotEmpty();
    });
    UUID parked = instanceOf(poisoned).instanceId();
    ScheduledDeadline deadline = deadlinesOf(question).get(0);

    try (ConsoleBrowser browser = ConsoleBrowser.open(profile)) {
      WebDriver page = browser.driver;
      page.get("http://localhost:" + port + "/actuator/esconsole");
      String parkedRow = "tr.saga-parked[data-saga='" + SAGA + "'][data-instance='" + parked + "']";
      String deadlineRow = "tr.saga-deadline[data-saga='" + SAGA + "'][data-instance='" + deadline.instance() + "']";
      onPage().untilAsserted(() -> {
        assertThat(text(page, parkedRow)).contains(parked.toString(), "ticket " + poisoned + " is poisoned");
        assertThat(text(page, deadlineRow + " td.deadline")).isEqualTo(AutoCloser.EXPIRE_QUESTION);
        assertThat(text(page, deadlineRow + " td.due"))
            .isEqualTo(SHOWN.format(deadline.deadline().due().truncatedTo(ChronoUnit.SECONDS)));
      });

      page.findElement(By.id("saga-property")).sendKeys("ticket");
      page.findElement(By.id("saga-value")).sendKeys(poisoned.toString());
      click(page, "#saga-form button");
      String found = "#saga-instances tr.saga-instance[data-instance='" + parked + "'] ";
      onPage().untilAsserted(() -> {
        assertThat(text(page, found + ".status")).isEqualTo("PARKED");
        assertThat(text(page, "#saga-instances tr.failure[data-instance='" + parked + "']"))
            .contains("ticket " + poisoned + " is poisoned");
        // its start handler failed: the state is the new instance's, from before it
        assertThat(text(page, found + "pre.state-json")).isEqualTo("{\n  \"ticket\": null\n}");
      });
      browser.screenshot("console-sagas.png");

      click(page, parkedRow + " button.end");
      confirm(page);
      onPage().untilAsserted(() -> {
        assertThat(page.findElements(By.cssSelector(parkedRow))).isEmpty();
        assertThat(auditRows(page)).anySatisfy(row -> assertThat(row).containsExactly(
            System.getProperty("user.name"), "saga.end", SAGA, "instance " + parked, "done"));
        assertThat(text(page, found + ".status")).isEqualTo("ENDED");
      });
      assertThat(text(page, "#message")).isEqualTo(SAGA + ": instance " + parked + " ended");
      assertThat(admin.sagaInstance(SAGA, parked).ended()).isTrue();
      assertThat(text(page, deadlineRow)).as("the other instance's deadline is still pending")
          .contains(AutoCloser.EXPIRE_QUESTION);
    }
  }

  /** The auto-closer's one instance following {@code ticket}, once it has one. */
  private SagaInstance<String> instanceOf(UUID ticket) {
    List<SagaInstance<String>> found = admin.sagaInstances(SAGA, "ticket", ticket.toString());
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private List<ScheduledDeadline> deadlinesOf(UUID ticket) {
    return admin.sagaDeadlines(SAGA, 100).stream()
        .filter(deadline -> deadline.instance().equals(instanceOf(ticket).instanceId())).toList();
  }

  /** Accepts the confirmation dialog a click opened, once it is open. */
  private static void confirm(WebDriver page) {
    await().atMost(PATIENCE).ignoreExceptionsMatching(e -> e instanceof NoAlertPresentException).until(() -> {
      page.switchTo().alert().accept();
      return true;
    });
  }

  /** Waits for the page, which redraws itself every few seconds: an element found just before may be gone. */
  private static ConditionFactory onPage() {
    Predicate<Throwable> redrawn = e -> e instanceof StaleElementReferenceException
        || e instanceof NoSuchElementException;
    return await().atMost(PATIENCE).ignoreExceptionsMatching(redrawn);
  }

  private static void click(WebDriver page, String css) {
    onPage().until(() -> {
      page.findElement(By.cssSelector(css)).click();
      return true;
    });
  }

  private static String text(WebDriver page, String css) {
    return page.findElement(By.cssSelector(css)).getText();
  }

  /** Each audit row shown: actor, action, projection, detail, outcome. */
  private static List<List<String>> auditRows(WebDriver page) {
    return page.findElements(By.cssSelector("#audit tr.audit")).stream().map(row -> row
        .findElements(By.cssSelector("td.actor, td.action, td.target, td.detail, td.outcome")).stream()
        .map(WebElement::getText).toList()).toList();
  }
}
