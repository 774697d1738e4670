package dev.foyer.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Optional;

/**
 * Where a provider answers. OpenID Connect needs the issuer (its discovery document names the
 * rest); OAuth 2.0 the authorization, token and user info URLs; OAuth 1.0a also the request token
 * URL. Microsoft's tenant fills its issuer.
 */
@Embeddable
public class Endpoints {
  public static final Endpoints NONE = new Endpoints(null, null, null, null, null, null);
  public static final int MAX_URL = 2048;
  public static final int MAX_TENANT = 128;

  @Column(length = MAX_URL)
  private String issuer;

  @Column(name = "authorization_url", length = MAX_URL)
  private String authorizationUrl;

  @Column(name = "token_url", length = MAX_URL)
  private String tokenUrl;

  @Column(name = "user_info_url", length = MAX_URL)
  private String userInfoUrl;

  @Column(name = "request_token_url", length = MAX_URL)
  private String requestTokenUrl;

  @Column(length = MAX_TENANT)
  private String tenant;

  protected Endpoints() {}

  public Endpoints(
      String issuer,
      String authorizationUrl,
      String tokenUrl,
      String userInfoUrl,
      String requestTokenUrl,
      String tenant) {
    this.issuer = issuer;
    this.authorizationUrl = authorizationUrl;
    this.tokenUrl = tokenUrl;
    this.userInfoUrl = userInfoUrl;
    this.requestTokenUrl = requestTokenUrl;
    this.tenant = tenant;
  }

  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  public Optional<String> authorizationUrl() {
    return Optional.ofNullable(authorizationUrl);
  }

  public Optional<String> tokenUrl() {
    return Optional.ofNullable(tokenUrl);
  }

  public Optional<String> userInfoUrl() {
    return Optional.ofNullable(userInfoUrl);
  }

  public Optional<String> requestTokenUrl() {
    return Optional.ofNullable(requestTokenUrl);
  }

  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }
}
