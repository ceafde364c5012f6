package dev.es.spring.boot.app;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/** The read model of a ticket; the processor generates TicketViewTable. */
@Projection(table = "ticket_views")
public record TicketView(@PartitionKey UUID id, String title, String closedBecause) {}
