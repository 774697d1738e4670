package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.Chromium;
import dev.foyer.it.support.Chromium.Framed;
import dev.foyer.it.support.EmbeddingSite;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SsoSpace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The embed as a member's browser lives it (README "JWT SSO", {@code /spot/{id}/embed}): a
 * customer's page on another loopback port shows the space in an iframe, in a real headless
 * Chromium. A page of an origin the space allows sees the member signed in; any other origin, and
 * any page that is not the space's, gets the browser's blocked frame.
 */
@ExtendWith(FoyerServer.class)
class EmbedFramingIT {
  static Chromium chromium;
  static EmbeddingSite allowed;
  static EmbeddingSite other;

  @BeforeAll
  static void start() {
    allowed = EmbeddingSite.start();
    other = EmbeddingSite.start();
    chromium = Chromium.start(Path.of("target", "chromedriver-" + db() + ".log"));
  }

  @AfterAll
  static void stop() {
    try (var a = allowed;
        var o = other;
        var c = chromium) {
      // closed in reverse order, each even if another fails
    }
  }

  private static String db() {
    return System.getProperty("foyer.it.db", "h2");
  }

  @Test
  void showsTheSignedInSpaceInAFrameOfAnAllowedOrigin(FoyerServer server) {
    var space = spaceAllowing(server, allowed.origin());

    var framed = chromium.open(allowed.framing(embed(server, space), ""), "foyer", ".greeting");

    assertThat(framed.text()).as(framed.toString()).hasValue("Hello, Ada Lovelace!");
    assertThat(framed.url()).isEqualTo(space.home());
    // The stylesheet loads under the page's Content-Security-Policy (no inline style allowed).
    assertThat(framed.bodyFontFamily()).contains("system-ui");
  }

  @Test
  void signsOutFromInsideTheFrame(FoyerServer server) {
    var space = spaceAllowing(server, allowed.origin());
    var framed = chromium.open(allowed.framing(embed(server, space), ""), "foyer", ".greeting");
    assertThat(framed.text()).as(framed.toString()).isPresent();
    var driver = chromium.driver();

    driver.switchTo().frame("foyer");
    try {
      // Under Referrer-Policy: no-referrer the browser posts the form with Origin: null; the
      // sign-out must still know it comes from Foyer's own page (Sec-Fetch-Site).
      driver.findElement(By.cssSelector("form[action='/auth/logout'] button")).click();
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(d -> !d.findElements(By.cssSelector(".signed-out")).isEmpty());
    } finally {
      driver.switchTo().defaultContent();
    }

    var signedOut =
        chromium.open(
            allowed.framing(server.uri("/spaces/" + space.slug).toString(), ""),
            "foyer",
            ".greeting");
    assertThat(signedOut.text()).as("the session ended: " + signedOut).isEmpty();
    assertThat(signedOut.url()).isEqualTo(space.home());
  }

  @Test
  void showsTheSpacesEventPageInTheFrameToo(FoyerServer server) {
    var space = spaceAllowing(server, allowed.origin());
    var event = AdminApi.createEvent(server, space.slug, "Town hall", "SSO");

    var framed =
        chromium.open(
            allowed.framing(
                embed(server, space) + "&referrerUrl=" + SsoSpace.encode(eventPath(space, event)),
                ""),
            "foyer",
            ".event-title");

    assertThat(framed.text()).as(framed.toString()).hasValue("Town hall");
  }

  @Test
  void refusesToShowTheSpaceInAFrameOfAnotherOrigin(FoyerServer server) {
    var space = spaceAllowing(server, allowed.origin());
    // No Referer, so the embed's own Referer check lets the sign-in through: only the page's
    // frame-ancestors policy stands between the other origin and the member's page.
    var page =
        other.framing(embed(server, space), "<meta name=\"referrer\" content=\"no-referrer\">");

    var framed = chromium.open(page, "foyer", "main");

    assertBlocked(framed);
    assertThat(space.loginRecords().get(0).path("accepted").asBoolean())
        .as("the sign-in itself went through")
        .isTrue();
  }

  @Test
  void refusesToShowAnotherSpacesPageInAFrameOfThisOrigin(FoyerServer server) {
    spaceAllowing(server, allowed.origin());
    var otherSpace =
        AdminApi.createSpace(
            server, Map.of("allowedOrigins", List.of("https://intranet.example.test")));

    var framed =
        chromium.open(
            allowed.framing(server.uri("/spaces/" + otherSpace).toString(), ""), "foyer", "main");

    assertBlocked(framed);
  }

  @Test
  void refusesToShowPagesThatAreNoSpacesInAFrame(FoyerServer server) {
    spaceAllowing(server, allowed.origin());

    for (var path : List.of("/spaces/no-such-space", "/no/such/page", "/api/admin/spaces")) {
      var framed =
          chromium.open(allowed.framing(server.uri(path).toString(), ""), "foyer", "main, pre");

      assertBlocked(framed);
    }
  }

  private static void assertBlocked(Framed framed) {
    assertThat(framed.text()).as("Foyer's content in the frame: " + framed).isEmpty();
    assertThat(framed.url()).as(framed.toString()).startsWith("chrome-error:");
  }

  private static SsoSpace spaceAllowing(FoyerServer server, String origin) {
    var fields = Json.object();
    fields.putArray("allowedOrigins").add(origin);
    return SsoSpace.create(server, fields, Json.object());
  }

  private static String embed(FoyerServer server, SsoSpace space) {
    return server
        .uri("/spot/" + space.id + "/embed?authToken=" + space.token(claims(newSub())))
        .toString();
  }

  private static String eventPath(SsoSpace space, String event) {
    return "/spaces/" + space.slug + "/events/" + event;
  }
}
