package dev.es.it.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.UUID;

/** A read model of the application's own: each customer's e-mail address, in a table of its own. */
final class CustomerEmails implements Projection {

  static final String NAME = "customer-emails";

  private final CqlSession session;
  private final String table;
  private final PreparedStatement upsert;
  private final PreparedStatement select;

  CustomerEmails(CqlSession session, String keyspace) {
    this.session = session;
    this.table = keyspace + ".customer_emails";
    session.execute("CREATE TABLE IF NOT EXISTS " + table + " (customer_id uuid PRIMARY KEY, email text)");
    upsert = session.prepare("INSERT INTO " + table + " (customer_id, email) VALUES (?, ?)");
    select = session.prepare("SELECT email FROM " + table + " WHERE customer_id = ?");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return eventType.startsWith("Customer");
  }

  @Override
  public void handle(FeedEvent event) {
    Object payload = event.envelope().payload();
    if (payload instanceof CustomerEvent.Registered e) {
      session.execute(upsert.bind(e.customerId(), e.email()));
    } else if (payload instanceof CustomerEvent.EmailChanged e) {
      session.execute(upsert.bind(e.customerId(), e.email()));
    }
  }

  @Override
  public void reset() {
    session.execute("TRUNCATE " + table);
  }

  /** The address the read model holds for the customer, or null. */
  String emailOf(UUID customerId) {
    Row row = session.execute(select.bind(customerId)).one();
    return row == null ? null : row.getString("email");
  }
}
