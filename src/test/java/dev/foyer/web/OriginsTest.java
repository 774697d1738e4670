package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginsTest {

  @Test
  void noOriginAndNoFetchMetadataIsNotForeign() {
    assertThat(foreign(request(Map.of()))).isEmpty();
  }

  @Test
  void foyersOwnOriginIsNotForeign() {
    assertThat(foreign(request(Map.of("Origin", "http://127.0.0.1:8080")))).isEmpty();
    assertThat(foreign(request(Map.of("Origin", "HTTP://127.0.0.1:8080")))).isEmpty();
  }

  @Test
  void anotherOriginIsForeign() {
    assertThat(foreign(request(Map.of("Origin", "https://intranet.example.com"))))
        .contains("https://intranet.example.com");
    assertThat(foreign(request(Map.of("Origin", "http://127.0.0.1:8081"))))
        .contains("http://127.0.0.1:8081");
    assertThat(foreign(request(Map.of("Origin", "https://127.0.0.1:8080"))))
        .contains("https://127.0.0.1:8080");
  }

  @Test
  void anOpaqueOriginIsForeign() {
    assertThat(foreign(request(Map.of("Origin", "null")))).contains("null");
  }

  @Test
  void fetchMetadataSameOriginWinsOverFoyersIdeaOfItsOrigin() {
    // Behind a TLS proxy the browser is on https://foyer.example.com; Foyer sees http://127.0.0.1.
    var request =
        request(Map.of("Origin", "https://foyer.example.com", "Sec-Fetch-Site", "same-origin"));

    assertThat(foreign(request)).isEmpty();
  }

  @Test
  void fetchMetadataOfAnotherSiteIsForeignEvenWithoutOrigin() {
    assertThat(foreign(request(Map.of("Sec-Fetch-Site", "cross-site")))).contains("null");
    assertThat(foreign(request(Map.of("Sec-Fetch-Site", "Same-Site")))).contains("null");
    assertThat(
            foreign(
                request(Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://a.example.com"))))
        .contains("https://a.example.com");
  }

  @Test
  void fetchMetadataSameOriginWithTheOwnOriginIsNotForeign() {
    assertThat(
            foreign(
                request(
                    Map.of("Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:8080"))))
        .isEmpty();
  }

  @Test
  void withAPublicUrlTheConfiguredOriginIsOwnAndTheHostsIsNot() {
    // foyer.public-url=https://foyer.example.com; the request reached Foyer as 127.0.0.1:8080.
    var own = "https://foyer.example.com";

    assertThat(Origins.foreign(request(Map.of("Origin", "https://foyer.example.com")), own))
        .isEmpty();
    assertThat(Origins.foreign(request(Map.of("Origin", "http://127.0.0.1:8080")), own))
        .contains("http://127.0.0.1:8080");
  }

  @Test
  void theRequestsOwnOriginIsItsSchemeHostAndPort() {
    assertThat(Origins.of(request(Map.of()))).isEqualTo("http://127.0.0.1:8080");
  }

  /** Foyer without foyer.public-url: its origin is the one the request reached it at. */
  private static Optional<String> foreign(HttpServletRequest request) {
    return Origins.foreign(request, Origins.of(request));
  }

  /** A request that reached Foyer as http://127.0.0.1:8080 with these headers. */
  private static HttpServletRequest request(Map<String, String> headers) {
    var lower = new HashMap<String, String>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), value));
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            OriginsTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getHeader" ->
                      lower.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                  case "getScheme" -> "http";
                  case "getServerName" -> "127.0.0.1";
                  case "getServerPort" -> 8080;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
