package dev.es.testkit.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code org.apache.cassandra:cassandra-all} and its ~100 dependencies with Maven Resolver, for the
 * node's own JVM only: Cassandra brings its own Guava, Netty and Jackson, which must never reach a user's test
 * classpath.
 *
 * <p>Artifacts are cached in the local Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}),
 * so the first resolution downloads about 60 MB from Maven Central and every later one works offline: it is
 * tried offline first and goes online only for what is missing.
 */
final class NodeClasspath {

  private static final Logger LOG = LoggerFactory.getLogger(NodeClasspath.class);
  private static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

  private NodeClasspath() {}

  /** The jars of {@code cassandra-all} at the given version, with all of its runtime dependencies. */
  static List<Path> resolve(String cassandraVersion) {
    String coordinates = "org.apache.cassandra:cassandra-all:" + cassandraVersion;
    RepositorySystem system = new RepositorySystemSupplier().get();
    try {
      try {
        return resolve(system, coordinates, true);
      } catch (DependencyResolutionException offlineMiss) {
        LOG.info("Downloading {} and its dependencies from Maven Central (once; cached in {})",
            coordinates, localRepository());
        try {
          return resolve(system, coordinates, false);
        } catch (DependencyResolutionException e) {
          throw new IllegalStateException(
              "Cannot resolve " + coordinates + " for the embedded Cassandra node from " + CENTRAL_URL
                  + " or the local repository " + localRepository()
                  + ". Resolve it once while online, or set ES_CASSANDRA_CONTACT_POINTS to use a running cluster.",
              e);
        }
      }
    } finally {
      system.shutdown();
    }
  }

  private static List<Path> resolve(RepositorySystem system, String coordinates, boolean offline)
      throws DependencyResolutionException {
    try (RepositorySystemSession.CloseableSession session =
        new SessionBuilderSupplier(system)
            .get()
            .withLocalRepositoryBaseDirectories(localRepository())
            .setSystemProperties(System.getProperties())
            .setOffline(offline)
            .build()) {
      RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL_URL).build();
      CollectRequest collect =
          new CollectRequest(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME), List.of(central));
      return system.resolveDependencies(session, new DependencyRequest(collect, null)).getArtifactResults().stream()
          .map(ArtifactResult::getArtifact)
          .map(artifact -> artifact.getPath())
          .toList();
    }
  }

  static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path home = Path.of(System.getProperty("user.home"), ".m2", "repository");
    try {
      Files.createDirectories(home);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create the local Maven repository " + home, e);
    }
    return home;
  }
}
