package dev.foyer.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, driven through Selenium by Debian's chromedriver ({@code .ci/run}
 * installs {@code chromium} and {@code chromium-driver}). Both are named explicitly, so Selenium
 * Manager never looks for (or downloads) a browser; the pom also sets {@code SE_OFFLINE}. Starting
 * one costs a few seconds: start it once per test class and close it in {@code @AfterAll}.
 *
 * <p>Loopback only: the browser resolves no host name but {@code 127.0.0.1} and {@code localhost}
 * (for a page that must be on another site than one on 127.0.0.1), and its background services
 * (updates, sync, safe browsing) are off.
 */
public final class Chromium implements AutoCloseable {
  private static final Path DRIVER =
      Path.of(System.getProperty("foyer.it.chromedriver", "/usr/bin/chromedriver"));
  private static final Path BROWSER =
      Path.of(System.getProperty("foyer.it.chromium", "/usr/bin/chromium"));
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Chromium(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** A fresh browser profile; chromedriver's log goes to {@code log}. */
  public static Chromium start(Path log) {
    if (!Files.isExecutable(DRIVER) || !Files.isExecutable(BROWSER)) {
      throw new IllegalStateException(
          "Needs Debian's chromium and chromium-driver ("
              + BROWSER
              + ", "
              + DRIVER
              + "): apt-get install chromium chromium-driver");
    }
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(log.toFile())
            .build();
    var options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        // CI runs as root, where Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // localhost too: a second name for loopback, a site of its own beside 127.0.0.1.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
    try {
      return new Chromium(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Opens {@code page}, waits until its iframe {@code frameId} has loaded (whether it shows the
   * framed page or the browser's "refused to connect" placeholder), and returns what the frame's
   * document is: its URL and the text of the first element matching {@code css} in it, if any. The
   * page must set {@code data-loaded} on the iframe in its {@code onload}.
   */
  public Framed open(String page, String frameId, String css) {
    driver.get(page);
    new WebDriverWait(driver, WAIT)
        .until(d -> "yes".equals(d.findElement(By.id(frameId)).getDomAttribute("data-loaded")));
    driver.switchTo().frame(frameId);
    try {
      var url = String.valueOf(((JavascriptExecutor) driver).executeScript("return document.URL"));
      var text = driver.findElements(By.cssSelector(css)).stream().findFirst();
      var fontFamily =
          driver.findElements(By.tagName("body")).stream()
              .findFirst()
              .map(body -> body.getCssValue("font-family"));
      return new Framed(url, text.map(WebElement::getText), fontFamily.orElse(""));
    } finally {
      driver.switchTo().defaultContent();
    }
  }

  /** What a frame shows: its document's URL, the text found, the body's computed font family. */
  public record Framed(String url, Optional<String> text, String bodyFontFamily) {}

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
