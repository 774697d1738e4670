package dev.foyer.it.console;

import static dev.foyer.it.support.Names.slug;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.Chromium;
import dev.foyer.it.support.FoyerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console as an operator uses it, in a real headless Chromium: a console link from the
 * admin API, a space created and given an event through the console's forms, a participant who
 * signed in found among the members and signed out everywhere, the sign-ins listed. Each page is
 * checked for the basics of accessibility (every field labelled, reachable by keyboard) and
 * photographed into {@code target/console-*.png}.
 */
@ExtendWith(FoyerServer.class)
class ConsoleBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static Chromium chromium;

  @BeforeAll
  static void startBrowser() {
    chromium =
        Chromium.start(
            Path.of(
                "target",
                "chromedriver-console-" + System.getProperty("foyer.it.db", "h2") + ".log"));
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anOperatorSetsUpASpaceAndLooksAfterItsMembers(FoyerServer server) {
    var driver = chromium.driver();
    driver.get(ConsoleSessionIT.link(server, server.adminToken()));
    heading(driver, "Spaces");
    accessible(driver, "spaces");

    var slug = slug();
    driver.findElement(By.name("slug")).sendKeys(slug);
    driver.findElement(By.name("name")).sendKeys("Console Café");
    driver.findElement(By.xpath("//button[text()='Create space']")).click();
    heading(driver, "Console Café");
    assertThat(driver.findElement(By.cssSelector("[role=alert] .secret")).getText())
        .as("the signing secret, shown once")
        .hasSizeGreaterThan(20);

    driver.findElement(By.name("title")).sendKeys("Town hall");
    driver.findElement(By.xpath("//button[text()='Add event']")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.tagName("main")).getText().contains("Town hall"));
    accessible(driver, "space");

    // A participant signs in through URI Auth; the operator finds them and ends their sessions.
    var uid = "crm-" + slug;
    AdminApi.signInMember(server, slug, uid);
    driver.get(server.baseUri() + "/console/#/spaces/" + slug + "/members");
    heading(driver, "Members of " + slug);
    new WebDriverWait(driver, WAIT)
        .until(d -> !d.findElements(By.cssSelector("main tbody tr a")).isEmpty());
    accessible(driver, "members");
    driver.findElement(By.cssSelector("main tbody tr a")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.tagName("main")).getText().contains(uid));
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("uri-auth");
    accessible(driver, "member");
    driver.findElement(By.xpath("//button[text()='End all sessions']")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.id("status")).getText().contains("ended"));
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.tagName("main")).getText().contains("No open sessions."));

    driver.get(server.baseUri() + "/console/#/spaces/" + slug + "/sign-ins");
    heading(driver, "Sign-ins of " + slug);
    new WebDriverWait(driver, WAIT)
        .until(d -> d.findElement(By.tagName("main")).getText().contains("accepted"));
    accessible(driver, "sign-ins");

    // Signing out leaves the console asking for a link again.
    driver.findElement(By.xpath("//button[text()='Sign out']")).click();
    heading(driver, "Sign in");
  }

  @Test
  void aRefusalShowsItsCodeLinkedToItsExplanation(FoyerServer server) {
    var driver = chromium.driver();
    driver.get(ConsoleSessionIT.link(server, server.adminToken()));
    heading(driver, "Spaces");
    driver.findElement(By.name("slug")).sendKeys("demo-" + slug());
    driver.findElement(By.name("name")).sendKeys("\u200b");
    driver.findElement(By.xpath("//button[text()='Create space']")).click();
    new WebDriverWait(driver, WAIT)
        .until(d -> !d.findElements(By.cssSelector("#status .msg.bad a")).isEmpty());
    var explanation = driver.findElement(By.cssSelector("#status .msg.bad a"));
    var code = explanation.getText().replace("What ", "").replace(" means", "");
    assertThat(explanation.getAttribute("href")).endsWith("/errors#" + code.toLowerCase());
    driver.get(explanation.getAttribute("href"));
    assertThat(driver.findElement(By.id(code.toLowerCase())).getText()).contains(code);
  }

  private static void heading(WebDriver driver, String text) {
    new WebDriverWait(driver, WAIT)
        .until(
            d -> {
              var headings = d.findElements(By.cssSelector("main h1"));
              return !headings.isEmpty() && headings.get(0).getText().equals(text);
            });
  }

  /**
   * Every visible field has a label (its own {@code <label>} or an {@code aria-label}), every
   * button a name, and Tab moves the focus through the page's controls. Then a screenshot.
   */
  @SuppressWarnings("unchecked")
  private static void accessible(WebDriver driver, String page) {
    var script = (JavascriptExecutor) driver;
    var unlabelled =
        (List<String>)
            script.executeScript(
                "return [...document.querySelectorAll('input,select,textarea')]"
                    + ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)"
                    + " && !e.getAttribute('aria-label')).map(e => e.name || e.outerHTML);");
    assertThat(unlabelled).as("fields without a label on the %s page", page).isEmpty();
    var nameless =
        (List<String>)
            script.executeScript(
                "return [...document.querySelectorAll('button')]"
                    + ".filter(b => !b.textContent.trim() && !b.getAttribute('aria-label'))"
                    + ".map(b => b.outerHTML);");
    assertThat(nameless).as("buttons without a name on the %s page", page).isEmpty();
    var body = driver.findElement(By.tagName("body"));
    script.executeScript("document.activeElement && document.activeElement.blur()");
    var focused = new java.util.ArrayList<String>();
    for (int i = 0; i < 6; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      focused.add(
          (String)
              script.executeScript(
                  "var e = document.activeElement; return e.tagName + ':' + (e.name || e.textContent || '').trim();"));
    }
    assertThat(focused.stream().distinct().count())
        .as("Tab moves through the controls of the %s page: %s", page, focused)
        .isGreaterThan(3);
    assertThat(body).isNotNull();
    try {
      Files.write(
          Path.of("target", "console-" + page + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
