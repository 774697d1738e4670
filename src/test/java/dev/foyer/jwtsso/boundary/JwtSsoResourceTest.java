package dev.foyer.jwtsso.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How {@code sso/login} nests the way back into the customer's authorization URL. */
class JwtSsoResourceTest {

  @Test
  void encodesAValueWithItsOwnQueryWhole() {
    var target =
        JwtSsoResource.withQueryParameter(
            URI.create("https://app.example.test/sso"),
            "redirectUrl",
            "https://foyer.test/spot/1/sso/jwt?referrerUrl=%2Fspaces%2Fdemo%3Fx%3D1%26ms_token%3DAAA");

    assertThat(target.getRawQuery())
        .isEqualTo(
            "redirectUrl=https%3A%2F%2Ffoyer.test%2Fspot%2F1%2Fsso%2Fjwt%3FreferrerUrl%3D"
                + "%252Fspaces%252Fdemo%253Fx%253D1%2526ms_token%253DAAA");
    assertThat(target.getQuery())
        .isEqualTo(
            "redirectUrl=https://foyer.test/spot/1/sso/jwt?referrerUrl="
                + "%2Fspaces%2Fdemo%3Fx%3D1%26ms_token%3DAAA");
  }

  @Test
  void keepsTheAuthorizationUrlsOwnQueryAndPath() {
    var target =
        JwtSsoResource.withQueryParameter(
            URI.create("https://app.example.test:8443/a%20b/sso?tenant=7&x=a%26b"),
            "redirectUrl",
            "v");

    assertThat(target.toString())
        .isEqualTo("https://app.example.test:8443/a%20b/sso?tenant=7&x=a%26b&redirectUrl=v");
  }

  @Test
  void encodesEverythingButUnreservedCharacters() {
    assertThat(JwtSsoResource.queryEncoded("a b+c&d=e#f/g?h~i*j.k-l_m\u00e9"))
        .isEqualTo("a%20b%2Bc%26d%3De%23f%2Fg%3Fh~i%2Aj.k-l_m%C3%A9");
  }
}
