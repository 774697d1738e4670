package dev.foyer.federation.control;

import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.saml.IdpMetadata;
import dev.foyer.federation.saml.SamlClient;
import dev.foyer.federation.saml.SamlLogout;
import dev.foyer.federation.saml.SamlProblem;
import dev.foyer.federation.saml.SamlRequests;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.sessions.control.Sessions;
import dev.foyer.sessions.control.SignOutFollowUp;
import dev.foyer.sessions.entity.ParticipantSession;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SAML single logout, both ways. When a person signs out of a session a SAML provider opened, the
 * browser goes on to the identity provider with Foyer's signed LogoutRequest (a flow remembers its
 * ID) and comes back to Foyer's logout address with the LogoutResponse, then to the space's page.
 * When the identity provider sends a signed LogoutRequest there, Foyer ends the space's sessions
 * that provider opened for that NameID (and SessionIndex) and answers with its signed
 * LogoutResponse.
 */
@ApplicationScoped
public class SamlSingleLogout implements SignOutFollowUp {
  /** The flow kind of a LogoutRequest Foyer sent. */
  static final String DOOR = "federation-logout";

  static final String REQUEST_ID = "saml$logoutRequest";

  /**
   * SAML Bindings §3.4.3: RelayState is at most 80 bytes; an identity provider's longer one goes.
   */
  static final int MAX_RELAY_STATE = 80;

  @Inject IdentityProviders providers;
  @Inject Spaces spaces;
  @Inject FlowStates flows;
  @Inject Sessions sessions;
  @Inject SamlServiceProvider serviceProvider;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.saml.clock-skew", defaultValue = "PT2M")
  Duration skew;

  /** Where the browser goes next: the identity provider (redirect, or a page posting a form). */
  public record Next(Optional<URI> redirect, Optional<String> page, Optional<String> postTo) {}

  @Override
  public Optional<URI> after(ParticipantSession ended, String origin) {
    var upstream = ended.upstream();
    var alias = ended.provider();
    if (upstream.isEmpty() || alias.isEmpty()) {
      return Optional.empty();
    }
    var space = ended.space();
    var provider = providers.saml(space.id(), alias.get()).filter(IdentityProvider::enabled);
    var idp = provider.flatMap(p -> p.saml().metadata()).map(IdpMetadata::parse);
    // Only by redirect: a sign-out form post cannot answer with a page that posts onwards to a
    // site the space does not list as an origin. An identity provider with a POST-only logout
    // service keeps its session.
    if (idp.isEmpty() || idp.get().sloRedirect().isEmpty()) {
      return Optional.empty();
    }
    var started = flows.begin(space.id(), DOOR, provider.get().id(), null, null);
    var sent =
        SamlLogout.request(
            idp.get(),
            provider.get().saml().spEntityId().orElseThrow(),
            upstream.get().subject(),
            upstream.get().subjectFormat(),
            upstream.get().index(),
            SamlClient.signingKey(serviceProvider.keys(provider.get())),
            started.id());
    started.flow().put(REQUEST_ID, sent.id());
    flows.save(started.flow());
    return sent.redirect();
  }

  /**
   * What the identity provider sent to Foyer's logout address of the provider {@code alias}.
   *
   * @param parameters {@code SAMLRequest} or {@code SAMLResponse}, {@code RelayState}
   * @param rawQuery the query as it came (HTTP-Redirect), or null (HTTP-POST)
   */
  public Next receive(
      String account,
      String alias,
      Map<String, String> parameters,
      String rawQuery,
      String origin) {
    var space = spaces.named(account);
    var provider =
        providers
            .saml(space.id(), alias)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN,
                        "The space has no SAML identity provider with that alias."));
    var idp =
        IdpMetadata.parse(
            provider
                .saml()
                .metadata()
                .orElseThrow(
                    () ->
                        new GatewayProblem(
                            SamlProblem.METADATA_UNUSABLE,
                            "The provider has no identity provider metadata yet.")));
    var sloUrl = SamlServiceProvider.Addresses.of(origin, account, alias).logout();
    var request = parameters.get("SAMLRequest");
    var response = parameters.get("SAMLResponse");
    if ((request == null) == (response == null)) {
      throw new GatewayProblem(
          SamlProblem.RESPONSE_REFUSED,
          "Foyer's logout address takes one SAMLRequest or one SAMLResponse.");
    }
    var now = clock.instant();
    if (response != null) {
      return loggedOut(
          space, provider, idp, response, parameters.get("RelayState"), rawQuery, sloUrl);
    }
    var message = SamlLogout.read("SAMLRequest", request, rawQuery, idp, sloUrl, now, skew);
    sessions.endFromProvider(
        space.id(), provider.alias(), message.nameId().orElseThrow(), message.sessionIndexes());
    var relayState = parameters.get("RelayState");
    var sent =
        SamlLogout.response(
            idp,
            provider.saml().spEntityId().orElseThrow(),
            message.id(),
            SamlClient.signingKey(serviceProvider.keys(provider)),
            relayState != null && relayState.length() <= MAX_RELAY_STATE ? relayState : null);
    return next(sent, "SAMLResponse", relayState);
  }

  /** The identity provider's answer to Foyer's LogoutRequest: back to the space's page. */
  private Next loggedOut(
      Space space,
      IdentityProvider provider,
      IdpMetadata idp,
      String response,
      String relayState,
      String rawQuery,
      String sloUrl) {
    var message =
        SamlLogout.read("SAMLResponse", response, rawQuery, idp, sloUrl, clock.instant(), skew);
    var flow =
        flows
            .open(relayState)
            .filter(open -> open.door().equals(DOOR))
            .filter(open -> open.providerId().filter(provider.id()::equals).isPresent())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.FLOW_UNKNOWN,
                        "No sign-out is waiting for this identity provider's answer (it expired or"
                            + " was finished)."));
    if (!flows.finish(flow)) {
      throw new GatewayProblem(
          FederationProblem.FLOW_FINISHED, "This sign-out was already finished.");
    }
    if (!message.inResponseTo().equals(flow.value(REQUEST_ID))) {
      throw new GatewayProblem(
          SamlProblem.NOT_IN_RESPONSE,
          "The LogoutResponse answers another request than the one this sign-out sent.");
    }
    if (!message.success()) {
      throw new GatewayProblem(
          SamlProblem.IDP_REFUSED,
          "You are signed out of Foyer, but the identity provider did not end its own session:"
              + " sign out there too.");
    }
    return new Next(Optional.of(Spaces.home(space)), Optional.empty(), Optional.empty());
  }

  private static Next next(SamlRequests.Sent sent, String field, String relayState) {
    if (sent.redirect().isPresent()) {
      return new Next(sent.redirect(), Optional.empty(), Optional.empty());
    }
    var postTo = sent.postTo().orElseThrow();
    return new Next(
        Optional.empty(),
        Optional.of(
            SamlClient.page(
                postTo,
                field,
                sent.samlRequest().orElseThrow(),
                relayState == null ? "" : relayState)),
        Optional.of(postTo));
  }
}
