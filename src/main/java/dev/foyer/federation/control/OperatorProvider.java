package dev.foyer.federation.control;

import dev.foyer.federation.entity.ClientAuthentication;
import dev.foyer.federation.entity.Endpoints;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.entity.ProviderKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organisation's OpenID Connect provider that operators sign in to the console with, as MP
 * Config describes it ({@code foyer.console.oidc.*}): one provider for the whole deployment, not a
 * space's, so it lives in configuration, never in the database. Off unless an issuer is set.
 */
@ApplicationScoped
public class OperatorProvider {
  /** The alias its client goes by in pac4j and in logs; no space's provider can take it. */
  public static final String ALIAS = "foyer-console";

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.issuer")
  Optional<String> issuer;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.client-id")
  Optional<String> clientId;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.client-secret")
  Optional<String> clientSecret;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.scopes", defaultValue = "openid profile email")
  String scopes;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.roles-claim", defaultValue = "groups")
  String rolesClaim;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.space-claim", defaultValue = "foyer_space")
  String spaceClaim;

  @Inject Clock clock;

  private volatile IdentityProvider provider;

  public boolean configured() {
    return issuer.filter(i -> !i.isBlank()).isPresent();
  }

  /**
   * The provider as federation's clients are made from, kept for the life of the deployment (its id
   * keys the built client): never stored, of no space.
   */
  public IdentityProvider provider() {
    var made = provider;
    if (made == null) {
      made = new IdentityProvider(null, ALIAS, ProviderKind.OIDC, clock.instant());
      made.connectAt(new Endpoints(issuer.orElseThrow(), null, null, null, null, null));
      made.identifyAs(clientId.orElse(""));
      made.ask(scopes, true, ClientAuthentication.CLIENT_SECRET_BASIC);
      provider = made;
    }
    return made;
  }

  public String clientSecret() {
    return clientSecret.orElse("");
  }

  /** The ID token claim that holds the operator's roles (a list of names, or one name). */
  public String rolesClaim() {
    return rolesClaim;
  }

  /** The ID token claim that names a space admin's space. */
  public String spaceClaim() {
    return spaceClaim;
  }
}
