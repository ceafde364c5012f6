package dev.es.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine can be reached, asked of Testcontainers only when there is a sign of one. */
final class DockerDetection {

  private DockerDetection() {}

  static boolean available(Map<String, String> env) {
    // Testcontainers logs loud errors when it probes a machine without Docker; look for a socket first.
    boolean hint =
        env.containsKey("DOCKER_HOST")
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    if (!hint) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
