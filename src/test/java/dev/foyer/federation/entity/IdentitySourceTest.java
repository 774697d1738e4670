package dev.foyer.federation.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentitySourceTest {
  @Test
  void tellsAnIssuerChangeFromACosmeticOne() {
    var provider = oidc("https://login.example.com/realms/a");
    var before = provider.identitySource();

    provider.describe("Renamed", "Sign in");
    provider.ask("openid email", true, ClientAuthentication.CLIENT_SECRET_POST);
    provider.readWith(provider.attributeKeys().overriddenBy(keys(null, "given_name")));
    assertThat(before.changesTo(provider.identitySource())).isEmpty();

    provider.connectAt(
        new Endpoints("https://login.example.com/realms/b", null, null, null, null, null));
    provider.readWith(provider.attributeKeys().overriddenBy(keys("oid", null)));
    assertThat(before.changesTo(provider.identitySource()))
        .containsExactly("issuer", "attributeKeys.unique");
  }

  @Test
  void comparesAnOAuthUserInfoUrlByItsOrigin() {
    var provider = new IdentityProvider("space", "intranet", ProviderKind.OAUTH2, Instant.EPOCH);
    provider.connectAt(userInfo("https://IdP.example.com/v1/me"));
    var before = provider.identitySource();

    provider.connectAt(userInfo("https://idp.example.com:443/v2/me?fields=id"));
    assertThat(before.changesTo(provider.identitySource())).isEmpty();

    provider.connectAt(userInfo("https://idp.example.com:8443/v1/me"));
    assertThat(before.changesTo(provider.identitySource()))
        .containsExactly("userInfoUrl (its origin)");
    provider.connectAt(userInfo("http://idp.example.com/v1/me"));
    assertThat(before.changesTo(provider.identitySource()))
        .containsExactly("userInfoUrl (its origin)");
  }

  @Test
  void namesAMicrosoftTenantChangeAsSuch() {
    var provider = new IdentityProvider("space", "entra", ProviderKind.MICROSOFT, Instant.EPOCH);
    provider.connectAt(new Endpoints(null, null, null, null, null, "contoso.example"));
    var before = provider.identitySource();

    provider.connectAt(new Endpoints(null, null, null, null, null, "fabrikam.example"));

    assertThat(before.changesTo(provider.identitySource())).containsExactly("tenant");
  }

  private static IdentityProvider oidc(String issuer) {
    var provider = new IdentityProvider("space", "corp", ProviderKind.OIDC, Instant.EPOCH);
    provider.connectAt(new Endpoints(issuer, null, null, null, null, null));
    return provider;
  }

  private static Endpoints userInfo(String url) {
    return new Endpoints(null, "https://idp.example.com/authorize", null, url, null, null);
  }

  private static AttributeKeys keys(String unique, String nickname) {
    return new AttributeKeys(unique, null, nickname, null, null, null, null, null);
  }
}
