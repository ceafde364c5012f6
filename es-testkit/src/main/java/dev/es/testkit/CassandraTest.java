package dev.es.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Cassandra (see {@link CassandraSource} for which one). The class gets a fresh
 * keyspace of its own; constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods may take a
 * {@link com.datastax.oss.driver.api.core.CqlSession} bound to it, the {@link TestKeyspace} and the
 * {@link CassandraCluster} as parameters.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CassandraExtension.class)
public @interface CassandraTest {}
