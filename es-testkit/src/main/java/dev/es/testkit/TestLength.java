package dev.es.testkit;

/**
 * Which form of a long-running test runs: the short form by default, so that the full test run stays short, the long
 * form with {@code -Des.test.long=true} (one switch for every such test). A short form exercises the same faults and
 * makes the same assertions as its long form, over less time; each test documents both.
 */
public final class TestLength {

  /** The system property that selects the long forms: {@code -Des.test.long=true}. */
  public static final String PROPERTY = "es.test.long";

  private TestLength() {}

  /** Whether the long forms were asked for. */
  public static boolean isLong() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** {@code shortForm} by default, {@code longForm} with {@code -Des.test.long=true}. */
  public static <T> T choose(T shortForm, T longForm) {
    return isLong() ? longForm : shortForm;
  }
}
