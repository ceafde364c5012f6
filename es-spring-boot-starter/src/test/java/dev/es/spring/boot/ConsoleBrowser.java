package dev.es.spring.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.htmlunit.BrowserVersion;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser a console test drives, through Selenium's WebDriver so that one test runs on either: headless
 * Chromium from the OS packages when {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} exist, else
 * HtmlUnit with JavaScript. {@code -Des.console.driver=htmlunit} forces HtmlUnit, {@code =chromium} fails without
 * Chromium. {@code -Des.console.screenshots=<dir>} saves screenshots there (Chromium only: HtmlUnit draws nothing).
 */
final class ConsoleBrowser implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowser.class);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final WebDriver driver;
  private final String name;

  private ConsoleBrowser(WebDriver driver, String name) {
    this.driver = driver;
    this.name = name;
    LOG.info("Console test driving {}", name);
  }

  /** The browser this machine and {@code es.console.driver} call for; Chromium's profile goes to {@code profile}. */
  static ConsoleBrowser open(Path profile) {
    String asked = System.getProperty("es.console.driver", "");
    boolean chromium = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (asked.equals("chromium") && !chromium) {
      throw new IllegalStateException("es.console.driver=chromium, but " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver)");
    }
    if (chromium && !asked.equals("htmlunit")) {
      return chromium(profile);
    }
    return new ConsoleBrowser(new HtmlUnitDriver(BrowserVersion.BEST_SUPPORTED, true),
        "HtmlUnit (" + BrowserVersion.BEST_SUPPORTED.getNickname() + ", JavaScript on)");
  }

  private static ConsoleBrowser chromium(Path profile) {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        // the closed network: nothing to fetch in the background
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1280,1000");
    // the driver's path given: Selenium Manager, which would look for one on the network, is not asked
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    return new ConsoleBrowser(driver, "headless Chromium " + driver.getCapabilities().getBrowserVersion());
  }

  /** Whether this is HtmlUnit, which has no screenshots. */
  boolean isHtmlUnit() {
    return driver instanceof HtmlUnitDriver;
  }

  /** Saves the page as {@code <file>} in {@code es.console.screenshots}, when it is set. */
  void screenshot(String file) {
    String directory = System.getProperty("es.console.screenshots");
    if (directory == null || isHtmlUnit()) {
      return;
    }
    try {
      Path target = Files.createDirectories(Path.of(directory)).resolve(file);
      Files.write(target, wholePage((ChromeDriver) driver));
      LOG.info("Console screenshot {} ({})", target, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole page, not only the window's part of it: a screenshot through the DevTools protocol. */
  private static byte[] wholePage(ChromeDriver chrome) {
    List<?> size = (List<?>) chrome.executeScript(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
    Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of(
        "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", size.get(0), "height", size.get(1), "scale", 1)));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
