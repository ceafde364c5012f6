package com.example.shelf;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/** The read model: each book and who has it. */
@Projection(table = "shelf")
public record Shelf(@PartitionKey UUID book, String title, String borrower) {}
