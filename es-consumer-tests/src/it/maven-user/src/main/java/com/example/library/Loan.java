package com.example.library;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/** The read model: who has which book. */
@Projection(table = "loans")
public record Loan(@PartitionKey UUID bookId, String title, String borrower) {}
