package dev.es.examples.tour;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.math.BigDecimal;
import java.util.UUID;

// snippet:read-model
/** A read model: the processor generates AccountBalanceTable (CREATE TABLE, upsert, find, delete, truncate). */
@Projection(table = "account_balances")
public record AccountBalance(@PartitionKey UUID accountId, String owner, BigDecimal balance) {}
// end:read-model
