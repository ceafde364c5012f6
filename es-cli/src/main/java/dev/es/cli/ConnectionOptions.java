package dev.es.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.typesafe.config.ConfigException;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.feed.FeedOptions;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * Where the application's data is: the driver's own configuration (application.conf on the class path, {@code
 * -Dconfig.file}, {@code -Ddatastax-java-driver.*}, or {@code --config}), with these options on top. Every verb
 * takes them, before or after its name.
 */
final class ConnectionOptions {

  /** The local datacenter when contact points are given and neither the option nor the configuration names one. */
  private static final String DEFAULT_DATACENTER = "datacenter1";

  @Option(names = "--config", paramLabel = "<file>", scope = ScopeType.INHERIT,
      description = "The driver's configuration file (as application.conf), e.g. the application's own.")
  File config;

  @Option(names = "--contact-point", paramLabel = "<host:port>", scope = ScopeType.INHERIT,
      converter = ContactPointConverter.class,
      description = "A node to connect to, instead of the configuration's contact points; repeatable.")
  List<InetSocketAddress> contactPoints = new ArrayList<>();

  @Option(names = "--datacenter", paramLabel = "<name>", scope = ScopeType.INHERIT,
      description = "The local datacenter (default: the configuration's, else " + DEFAULT_DATACENTER
          + " with --contact-point).")
  String datacenter;

  @Option(names = "--keyspace", paramLabel = "<name>", scope = ScopeType.INHERIT,
      description = "The application's keyspace (default: the configuration's basic.session-keyspace).")
  String keyspace;

  @Option(names = "--shards", paramLabel = "<count>", scope = ScopeType.INHERIT,
      description = "The feed's shard count, as in the application's FeedOptions (default: ${DEFAULT-VALUE}).")
  int shards = FeedOptions.defaults().shards();

  /**
   * Checks the options, then opens a session and the admin API on the keyspace, acting as {@code actor}: all that
   * is wrong with the arguments is reported before any node is contacted.
   */
  Connection open(CommandSpec verb, String actor) {
    Arguments.requirePositive(verb, "--shards", shards);
    DriverConfigLoader loader = configLoader(verb);
    DriverExecutionProfile profile = loader.getInitialConfig().getDefaultProfile();
    EventStoreOptions store = storeOptions(verb, profile);
    CqlSessionBuilder session = CqlSession.builder().withConfigLoader(loader);
    if (!contactPoints.isEmpty()) {
      session.addContactPoints(contactPoints).withLocalDatacenter(datacenter != null ? datacenter
          : profile.getString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, DEFAULT_DATACENTER));
    } else if (datacenter != null) {
      session.withLocalDatacenter(datacenter);
    }
    return Connection.open(session, store, FeedOptions.defaults().withShards(shards), actor);
  }

  /** The driver's configuration, from {@code --config}'s file or the driver's default places, read once here. */
  private DriverConfigLoader configLoader(CommandSpec verb) {
    // the driver would read a missing file as an empty configuration
    if (config != null && !config.isFile()) {
      throw new ParameterException(verb.commandLine(), "--config " + config + ": no such file");
    }
    try {
      DriverConfigLoader loader = config == null
          ? DriverConfigLoader.fromDefaults(ConnectionOptions.class.getClassLoader())
          : DriverConfigLoader.fromFile(config);
      loader.getInitialConfig(); // the default places are read lazily: their errors are to show here too
      return loader;
    } catch (ConfigException e) {
      throw new ParameterException(verb.commandLine(), "the driver's configuration does not read: " + e.getMessage());
    }
  }

  /** The store's options for the keyspace, which it must not create: the command line creates nothing. */
  private EventStoreOptions storeOptions(CommandSpec verb, DriverExecutionProfile profile) {
    String name = keyspace != null ? keyspace : profile.getString(DefaultDriverOption.SESSION_KEYSPACE, null);
    if (name == null) {
      throw new ParameterException(verb.commandLine(),
          "no keyspace: give --keyspace, or basic.session-keyspace in the driver's configuration");
    }
    try {
      return EventStoreOptions.builder().keyspace(name).createKeyspace(false).build();
    } catch (InvalidIdentifierException e) {
      throw new ParameterException(verb.commandLine(), "--keyspace: " + e.getMessage());
    }
  }
}
