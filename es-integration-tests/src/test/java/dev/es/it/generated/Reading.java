package dev.es.it.generated;

import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;

/** A read-model row for {@link GeneratedTableTest}: one meter's readings, a partition per meter. */
@Projection(table = "readings")
public record Reading(@PartitionKey String meter, @ClusteringColumn long at, long value) {}
