package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressTest {

  @Test
  void takesTheOriginOfABaseUrl() {
    assertThat(PublicAddress.origin("https://foyer.example.com"))
        .isEqualTo("https://foyer.example.com");
    assertThat(PublicAddress.origin("https://foyer.example.com/"))
        .isEqualTo("https://foyer.example.com");
    assertThat(PublicAddress.origin("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void writesTheOriginAsBrowsersDo() {
    assertThat(PublicAddress.origin("HTTPS://Foyer.Example.COM:443/"))
        .isEqualTo("https://foyer.example.com");
    assertThat(PublicAddress.origin("http://foyer.example.com:80"))
        .isEqualTo("http://foyer.example.com");
    assertThat(PublicAddress.origin("https://foyer.example.com:8443"))
        .isEqualTo("https://foyer.example.com:8443");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "foyer.example.com",
        "/foyer",
        "ftp://foyer.example.com",
        "https://foyer.example.com/foyer",
        "https://foyer.example.com/?x=1",
        "https://foyer.example.com/#top",
        "https://admin@foyer.example.com",
        "https:///nohost"
      })
  void refusesAnythingButAnOrigin(String url) {
    assertThatThrownBy(() -> PublicAddress.origin(url))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("foyer.public-url");
  }

  @Test
  void rebasesAUriKeepingItsEncodedPathAndQuery() {
    var uri = URI.create("http://evil.example:8080/auth/uri?account=demo&givenName=Zo%C3%AB%26x");

    assertThat(PublicAddress.rebased("https://foyer.example.com", uri))
        .isEqualTo(
            URI.create("https://foyer.example.com/auth/uri?account=demo&givenName=Zo%C3%AB%26x"));
    assertThat(
            PublicAddress.rebased("https://foyer.example.com", URI.create("http://evil.example/")))
        .isEqualTo(URI.create("https://foyer.example.com/"));
  }
}
