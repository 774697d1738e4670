package dev.foyer.federation.boundary;

import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.foyer.doors.AssertedProfile;
import dev.foyer.doors.DoorSecrets;
import dev.foyer.federation.control.AttributeMapping;
import dev.foyer.federation.control.FlowSessionStore;
import dev.foyer.federation.control.IdentityProviders;
import dev.foyer.federation.control.Outbound;
import dev.foyer.federation.control.ProviderClients;
import dev.foyer.federation.control.SamlServiceProvider;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.federation.entity.Protocol;
import dev.foyer.federation.saml.SamlAssertions;
import dev.foyer.federation.saml.SamlClient;
import dev.foyer.federation.saml.SamlProblem;
import dev.foyer.federation.saml.SamlResponses;
import dev.foyer.members.entity.AdmissionPolicy;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.GroupSync;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.members.entity.ProfileField;
import dev.foyer.members.entity.UpstreamSession;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.Sha256;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.signin.control.LoginRecords;
import dev.foyer.signin.control.SignIn;
import dev.foyer.signin.entity.Destination;
import dev.foyer.signin.entity.FlowState;
import dev.foyer.singleuse.Replays;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.ClientAddress;
import dev.foyer.web.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.core.exception.TechnicalException;
import org.pac4j.core.exception.http.OkAction;
import org.pac4j.core.exception.http.RedirectionAction;
import org.pac4j.core.exception.http.WithLocationAction;
import org.pac4j.core.profile.CommonProfile;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.oauth.client.OAuth10Client;
import org.pac4j.oauth.credentials.OAuth10Credentials;
import org.pac4j.oauth.credentials.OAuth20Credentials;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.credentials.OidcCredentials;
import org.pac4j.oidc.exceptions.OidcIssuerMismatchException;
import org.pac4j.oidc.exceptions.OidcMissingSessionStateException;
import org.pac4j.oidc.exceptions.OidcMissingStateParameterException;
import org.pac4j.oidc.exceptions.OidcStateMismatchException;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * Both ends of a federated sign-in. The entry starts a flow in the database and sends the browser
 * to the provider; the callback finds the flow by its cookie, ends it (once, whichever node gets
 * it), checks the answer belongs to it, lets the provider's pac4j client exchange the code and
 * verify the ID token, reads the user info with Foyer's outbound limits, and maps it to an asserted
 * identity through the provider's attribute keys. Nothing is written here: the pipeline admits.
 */
@ApplicationScoped
public class FederationAuthenticator {
  static final System.Logger LOGGER = System.getLogger(FederationAuthenticator.class.getName());

  /** Parameters that would make pac4j take tokens from the URL (implicit flow) or log out. */
  static final Set<String> REFUSED_PARAMETERS =
      Set.of("id_token", "access_token", "token_type", "logout_token", "sid", "response");

  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_EVENT_ID = 64;
  private static final String CALLBACK_URL = "foyer$callbackUrl";
  static final String SAML_RESPONSE = "SAMLResponse";
  private static final int MAX_RETURN_PATH = 2048;

  @Inject FlowStates flows;
  @Inject IdentityProviders providers;
  @Inject ProviderClients clients;
  @Inject DoorSecrets secrets;
  @Inject Spaces spaces;
  @Inject Outbound outbound;
  @Inject PublicAddress address;
  @Inject SignIn signIn;
  @Inject LoginRecords records;
  @Inject Clock clock;
  @Inject Replays replays;
  @Inject SamlServiceProvider serviceProvider;

  /** Sign-ins one client may have waiting for one provider's answer. */
  @Inject
  @ConfigProperty(name = "foyer.federation.pending-per-client", defaultValue = "200")
  int pendingPerClient;

  /** Sign-ins a provider may have waiting, from every client. */
  @Inject
  @ConfigProperty(name = "foyer.federation.pending-per-provider", defaultValue = "5000")
  int pendingPerProvider;

  /**
   * A started sign-in: where the browser goes (a redirect, or for SAML's HTTP-POST binding a page
   * whose form posts to {@code postTo}), and the flow id its cookie keeps.
   */
  record Started(URI location, String page, String postTo, String flowId) {}

  /**
   * What a callback brought: the flow cookie, the provider whose address it reached and the
   * answer's parameters.
   */
  record Callback(String flowId, String account, String alias, Map<String, String> parameters) {}

  Started start(
      WebContext context,
      HttpServletRequest request,
      String account,
      String alias,
      String eventId,
      String returnPath) {
    var space = spaces.named(account);
    var provider =
        providers
            .enabled(space.id(), alias)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN,
                        "The space has no enabled identity provider with that alias."));
    if (eventId != null && eventId.length() > MAX_EVENT_ID) {
      throw new GatewayProblem(
          ProblemType.EVENT_UNKNOWN, "This account has no event with that id.");
    }
    if (returnPath != null
        && (returnPath.length() > MAX_RETURN_PATH || spaces.inside(space, returnPath).isEmpty())) {
      throw new GatewayProblem(
          ProblemType.BAD_REQUEST, "The return address must be a path inside the space.");
    }
    // Every entry stores a flow, and an OAuth 1.0a entry calls the provider: a client looping
    // over the entry must not fill the table nor use Foyer against the provider.
    var client = Sha256.hex(ClientAddress.of(request.getRemoteAddr()).key() + "\n" + provider.id());
    refuseWhenFull(flows.pendingOfClient(client), pendingPerClient, "from this address");
    refuseWhenFull(flows.pendingOfProvider(provider.id()), pendingPerProvider, "in all");
    return begin(
        context, request, space, provider, FederationDoor.NAME, eventId, returnPath, client);
  }

  private void refuseWhenFull(FlowStates.Pending pending, int limit, String where) {
    if (pending.count() >= Math.max(1, limit)) {
      var now = clock.instant();
      var wait =
          pending
              .firstExpiry()
              .map(first -> Duration.between(now, first))
              .filter(duration -> !duration.isNegative())
              .orElse(flows.ttl());
      throw new GatewayProblem(
          FederationProblem.TOO_MANY_PENDING,
          pending.count()
              + " sign-ins with this identity provider are waiting for its answer "
              + where
              + "; try again in "
              + Math.max(1, wait.toSeconds())
              + " s, when the oldest of them expires.",
          wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }
  }

  /**
   * Test Integration: the administrator's single-use ticket starts a real sign-in in test mode,
   * with the provider whether it is enabled or not.
   */
  Started startTest(WebContext context, HttpServletRequest request, String ticket) {
    var opened =
        FederationFlows.take(
            flows,
            ticket,
            Set.of(FederationDoor.TEST_TICKET),
            "This test link is unknown, expired or used. Start a new test.");
    var space =
        spaces
            .byId(opened.spaceId())
            .orElseThrow(
                () -> new GatewayProblem(ProblemType.ACCOUNT_UNKNOWN, "The space is gone."));
    var provider =
        opened
            .providerId()
            .flatMap(id -> providers.byId(space.id(), id))
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN, "The identity provider was removed."));
    return begin(context, request, space, provider, FederationDoor.TEST, null, null, null);
  }

  private Started begin(
      WebContext context,
      HttpServletRequest request,
      Space space,
      IdentityProvider provider,
      String door,
      String eventId,
      String returnPath,
      String clientKey) {
    // The redirect_uri of this flow, kept with it: the code exchange must send the same one,
    // whichever node (and Host) the callback reaches.
    var callback = address.origin(request) + FederationDoor.callback(space, provider.alias());
    var client = client(provider, callback);
    if (provider.kind().protocol() == Protocol.OAUTH1) {
      // OAuth 1.0a's entry calls the provider for a request token.
      provider
          .effectiveEndpoints()
          .requestTokenUrl()
          .map(URI::create)
          .ifPresent(outbound::checkTarget);
    }
    var started = flows.begin(space.id(), door, provider.id(), eventId, returnPath);
    started.flow().startedBy(clientKey);
    // SAML's RelayState is the flow's id: the answer is posted from the identity provider's site,
    // without the flow cookie (SameSite), and finds its flow by it.
    context.setRequestAttribute(SamlClient.RELAY_STATE, started.id());
    RedirectionAction action;
    try {
      action =
          client
              .getRedirectionAction(new CallContext(context, new FlowSessionStore(started.flow())))
              .orElseThrow();
    } catch (RuntimeException e) {
      // OAuth 1.0a asks the provider for a request token here; the others only build a URL.
      throw unwrapped(
          e,
          switch (provider.kind().protocol()) {
            case OAUTH1 -> FederationProblem.REQUEST_TOKEN_FAILED;
            case SAML -> SamlProblem.METADATA_UNUSABLE;
            default -> FederationProblem.DISCOVERY_FAILED;
          });
    }
    started.flow().put(CALLBACK_URL, callback);
    flows.save(started.flow());
    if (action instanceof OkAction page) {
      Optional<Object> postTo = context.getRequestAttribute(SamlClient.POST_TO);
      return new Started(
          null, page.getContent(), postTo.map(String::valueOf).orElseThrow(), started.id());
    }
    return new Started(
        URI.create(((WithLocationAction) action).getLocation()), null, null, started.id());
  }

  UserProfile finish(CallContext ctx, Callback callback) {
    if (callback.parameters().containsKey(SAML_RESPONSE)) {
      var document = SamlClient.document(ctx.webContext()).orElseThrow();
      if (SamlResponses.inResponseTo(document).isEmpty()) {
        return unsolicited(ctx, callback);
      }
    }
    var flow =
        FederationFlows.take(
            flows,
            callback.flowId(),
            Set.of(FederationDoor.NAME, FederationDoor.TEST),
            "This browser has no sign-in waiting for an identity provider's answer (it expired"
                + " after "
                + flows.ttl().toMinutes()
                + " minutes, or was finished). Start again from the space's page.");
    var space =
        spaces
            .byId(flow.spaceId())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_UNKNOWN, "The space of this sign-in is gone."));
    var test = flow.door().equals(FederationDoor.TEST);
    var provider =
        flow.providerId()
            .flatMap(
                id -> test ? providers.byId(space.id(), id) : providers.enabledById(space.id(), id))
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN,
                        "The identity provider of this sign-in was removed or turned off."));
    // Each provider answers at its own address: an answer at another provider's is not this
    // flow's (a mix-up: the person was sent on to that provider, and its code must not reach this
    // flow's token endpoint). The flow is used up: the person starts again.
    if (!space.slug().equals(callback.account()) || !provider.alias().equals(callback.alias())) {
      throw new GatewayProblem(
          FederationProblem.ISSUER_MISMATCH,
          "The answer arrived at the address of another identity provider than the one this"
              + " sign-in went to. Start again from the space's page.");
    }
    if (test) {
      return tested(ctx, flow, space, provider, callback.parameters());
    }
    return authenticate(ctx, flow, space, provider, callback.parameters(), new TestReport.Trace());
  }

  /**
   * A SAML response no request asked for (IdP-initiated sign-in): only where the provider allows
   * it, under a flow made for it and never stored; its assertion is single-use like any other, and
   * its {@code RelayState} is never followed.
   */
  private UserProfile unsolicited(CallContext ctx, Callback callback) {
    var space = spaces.named(callback.account());
    var provider =
        providers
            .enabled(space.id(), callback.alias())
            .filter(found -> found.kind().protocol() == Protocol.SAML)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        FederationProblem.PROVIDER_UNKNOWN,
                        "The space has no enabled SAML identity provider with that alias."));
    if (!provider.saml().idpInitiated()) {
      throw new GatewayProblem(
          SamlProblem.UNSOLICITED,
          "This SAML response answers no request of Foyer's, and the provider does not accept"
              + " sign-ins its identity provider starts. Start from the space's page.");
    }
    // No request was sent: the flow holds no request ID, so the response must answer none.
    var flow = flows.begin(space.id(), FederationDoor.NAME, provider.id(), null, null).flow();
    return authenticate(ctx, flow, space, provider, callback.parameters(), new TestReport.Trace());
  }

  /**
   * Test Integration's sign-in: the same steps, each answer kept for the report, the pipeline's
   * outcome previewed (nothing written), the login record marked as a test.
   */
  private UserProfile tested(
      CallContext ctx,
      FlowState flow,
      Space space,
      IdentityProvider provider,
      Map<String, String> parameters) {
    var trace = new TestReport.Trace();
    String code = null;
    try {
      trace.spaceGroups(spaces.groups(space));
      var profile = authenticate(ctx, flow, space, provider, parameters, trace);
      var preview = signIn.preview(profile.identity(), profile.destination());
      trace.preview(preview);
      code = preview.refusal().map(problem -> problem.type().code()).orElse(null);
    } catch (GatewayProblem problem) {
      trace.failed(problem);
      code = problem.type().code();
    }
    records.tested(FederationDoor.TEST, space.slug(), provider.alias(), code);
    var request = ((JEEContext) ctx.webContext()).getNativeRequest();
    request.setAttribute(TestReport.ATTRIBUTE, trace.report(space, provider));
    var placeholder = new CommonProfile();
    placeholder.setId(FederationDoor.TEST);
    return placeholder;
  }

  private AssertedProfile authenticate(
      CallContext ctx,
      FlowState flow,
      Space space,
      IdentityProvider provider,
      Map<String, String> parameters,
      TestReport.Trace trace) {
    var error = parameters.get("error");
    if (error != null) {
      throw new GatewayProblem(
          FederationProblem.PROVIDER_REFUSED,
          "The identity provider answered "
              + (ERROR_CODE.matcher(error).matches() ? "'" + error + "'" : "an error")
              + " instead of signing the person in.");
    }
    var client =
        client(
            provider,
            flow.value(CALLBACK_URL)
                .orElseGet(
                    () ->
                        address.origin(((JEEContext) ctx.webContext()).getNativeRequest())
                            + FederationDoor.callback(space, provider.alias())));
    var flowCtx = new CallContext(ctx.webContext(), new FlowSessionStore(flow));
    if ((provider.kind().protocol() == Protocol.SAML) != parameters.containsKey(SAML_RESPONSE)) {
      throw new GatewayProblem(
          FederationProblem.CALLBACK_UNPARSABLE,
          provider.kind().protocol() == Protocol.SAML
              ? "A SAML identity provider's answer is a posted SAMLResponse."
              : "This provider answers with a code, not a SAMLResponse.");
    }
    var json =
        switch (provider.kind().protocol()) {
          case OAUTH1 ->
              oauth1UserInfo(flowCtx, (OAuth10Client) client, provider, parameters, trace);
          case SAML -> samlAssertion(flowCtx, (SamlClient) client, provider, trace);
          default -> oauth2UserInfo(flowCtx, client, provider, parameters, trace);
        };
    // email_verified speaks of the email claim only: an email read from another key (a username
    // the person may edit, say) is verified only when the space trusts the provider's emails.
    boolean verified =
        provider.trustedEmails()
            || (provider.kind().protocol() == Protocol.OIDC
                && provider
                    .attributeKeys()
                    .email()
                    .map(key -> key.text().equals("email"))
                    .orElse(false)
                && AttributeMapping.emailVerifiedClaim(json));
    trace.mapped(provider.attributeKeys(), json);
    var mapped = AttributeMapping.map(json, provider.attributeKeys(), verified);
    // SAML: the identity provider's own session, kept with Foyer's for single logout.
    var upstream =
        provider.kind().protocol() == Protocol.SAML
            ? Optional.of(
                new UpstreamSession(
                    json.getString("NameID"),
                    Optional.ofNullable(json.getString("NameIDFormat", null)),
                    Optional.ofNullable(json.getString("SessionIndex", null))))
            : Optional.<UpstreamSession>empty();
    return new AssertedProfile(
        identity(space, provider, mapped, upstream),
        new Destination(flow.eventId(), flow.returnPath()));
  }

  /** OAuth 2.0 and OpenID Connect: state, issuer, the code exchanged, the user info read. */
  private JsonObject oauth2UserInfo(
      CallContext flowCtx,
      IndirectClient client,
      IdentityProvider provider,
      Map<String, String> parameters,
      TestReport.Trace trace) {
    checkState(flowCtx, client, parameters.get("state"));
    checkIssuer(provider, parameters.get("iss"));
    if (parameters.get("code") == null || parameters.get("code").isEmpty()) {
      throw new GatewayProblem(
          FederationProblem.CALLBACK_UNPARSABLE, "The provider's answer has no code.");
    }
    var credentials = credentials(flowCtx, client);
    if (provider.kind().protocol() == Protocol.OIDC) {
      // The token endpoint's answer as it came, masked like an OAuth 2.0 provider's.
      Optional<Object> answer =
          flowCtx.webContext().getRequestAttribute(ProviderClients.TOKEN_RESPONSE);
      trace.tokens(TestReport.maskedJson(answer.map(String::valueOf).orElse(null)));
      return oidcClaims(flowCtx, (OidcClient) client, credentials, trace);
    }
    var token = ((OAuth20Credentials) credentials).toAccessToken();
    trace.tokens(TestReport.maskedJson(token.getRawResponse()));
    return trace.userInfo(
        userInfo(
            userInfoUrl(provider), Map.of("Authorization", "Bearer " + token.getAccessToken())));
  }

  /**
   * OAuth 1.0a: the answer must name the flow's request token (its state), then the access token is
   * fetched and the user info read with a request signed by it.
   */
  private JsonObject oauth1UserInfo(
      CallContext flowCtx,
      OAuth10Client client,
      IdentityProvider provider,
      Map<String, String> parameters,
      TestReport.Trace trace) {
    if (parameters.containsKey("denied")) {
      throw new GatewayProblem(
          FederationProblem.PROVIDER_REFUSED,
          "The identity provider answered 'denied' instead of signing the person in.");
    }
    var token = parameters.get("oauth_token");
    if (token == null || token.isEmpty() || parameters.get("oauth_verifier") == null) {
      throw new GatewayProblem(
          FederationProblem.CALLBACK_UNPARSABLE,
          "The provider's answer has no oauth_token and oauth_verifier.");
    }
    var saved =
        flowCtx
            .sessionStore()
            .get(
                flowCtx.webContext(),
                client.getConfiguration().getRequestTokenSessionAttributeName(client.getName()))
            .map(OAuth1RequestToken.class::cast)
            .map(OAuth1RequestToken::getToken);
    if (saved.isEmpty()
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), saved.get().getBytes(StandardCharsets.UTF_8))) {
      throw new GatewayProblem(
          FederationProblem.STATE_MISMATCH,
          "The answer's request token is not the one this sign-in was given.");
    }
    provider.effectiveEndpoints().tokenUrl().map(URI::create).ifPresent(outbound::checkTarget);
    OAuth1AccessToken accessToken;
    try {
      accessToken =
          client
              .getCredentials(flowCtx)
              .flatMap(credentials -> client.validateCredentials(flowCtx, credentials))
              .map(credentials -> ((OAuth10Credentials) credentials).getAccessToken())
              .orElseThrow(() -> new TechnicalException("no access token"));
    } catch (RuntimeException e) {
      throw unwrapped(e, FederationProblem.ACCESS_TOKEN_FAILED);
    }
    trace.tokens(TestReport.maskedForm(accessToken.getRawResponse()));
    var signed =
        ProviderClients.signedGet(client, flowCtx.webContext(), userInfoUrl(provider), accessToken);
    return trace.userInfo(userInfo(signed.uri().toString(), signed.headers()));
  }

  /**
   * SAML 2.0: the posted response validated against this flow's request (Foyer's own checks,
   * federation.saml.SamlResponses), its assertion used once across nodes, and read as JSON for the
   * attribute keys.
   */
  private JsonObject samlAssertion(
      CallContext flowCtx, SamlClient client, IdentityProvider provider, TestReport.Trace trace) {
    SamlResponses.Accepted accepted;
    try {
      accepted = validated(flowCtx, client);
    } catch (GatewayProblem refused) {
      // Signed by a key Foyer does not know: the identity provider may have rolled its key.
      // Its metadata is read again (at most once a minute) and, if it changed, the same posted
      // response is checked once more, as it came.
      if (refused.type() != SamlProblem.SIGNATURE_INVALID
          || !serviceProvider.refresh(provider.id(), true)) {
        throw refused;
      }
      var refreshed = providers.byId(provider.spaceId(), provider.id()).orElse(provider);
      SamlClient.forget(flowCtx.webContext());
      accepted = validated(flowCtx, (SamlClient) client(refreshed, client.settings().acsUrl()));
    }
    if (!replays.claim(
        "saml-assertion", provider.id() + ":" + accepted.assertionId(), accepted.keepUntil())) {
      throw new GatewayProblem(
          SamlProblem.REPLAYED,
          "This SAML assertion was used before: each signs a person in once. Start again from the"
              + " space's page.");
    }
    return trace.assertion(SamlAssertions.json(accepted));
  }

  private static SamlResponses.Accepted validated(CallContext flowCtx, SamlClient client) {
    try {
      return client
          .getCredentials(flowCtx)
          .flatMap(found -> client.validateCredentials(flowCtx, found))
          .map(SamlClient.SamlCredentials.class::cast)
          .flatMap(SamlClient.SamlCredentials::accepted)
          .orElseThrow(() -> new TechnicalException("no SAMLResponse"));
    } catch (RuntimeException e) {
      throw unwrapped(e, SamlProblem.RESPONSE_REFUSED);
    }
  }

  private static String userInfoUrl(IdentityProvider provider) {
    return provider
        .effectiveEndpoints()
        .userInfoUrl()
        .orElseThrow(
            () ->
                new GatewayProblem(
                    FederationProblem.INVALID_PROVIDER_URL,
                    "The provider has no userInfoUrl: complete it before testing or enabling it."));
  }

  private IndirectClient client(IdentityProvider given, String callback) {
    // A SAML provider's metadata is read again when due: a changed one makes a new client.
    var provider =
        given.kind().protocol() == Protocol.SAML
                && serviceProvider.due(given)
                && serviceProvider.refresh(given.id(), false)
            ? providers.byId(given.spaceId(), given.id()).orElse(given)
            : given;
    var secret =
        provider
            .sealedClientSecret()
            .map(
                stored ->
                    secrets.open(
                        "the client secret of identity provider " + provider.alias(),
                        List.of(stored)))
            .flatMap(opened -> opened.stream().findFirst())
            .orElse("");
    try {
      return clients.client(provider, secret, callback);
    } catch (TechnicalException e) {
      throw unwrapped(e, FederationProblem.DISCOVERY_FAILED);
    }
  }

  private static void checkState(CallContext ctx, IndirectClient client, String state) {
    var saved =
        ctx.sessionStore()
            .get(ctx.webContext(), client.getStateSessionAttributeName())
            .map(Object::toString);
    if (state == null
        || saved.isEmpty()
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8), saved.get().getBytes(StandardCharsets.UTF_8))) {
      throw new GatewayProblem(
          FederationProblem.STATE_MISMATCH,
          "The answer's state is not the one this sign-in sent. Start again from the space's page.");
    }
  }

  /** RFC 9207: an {@code iss} in the answer must be the flow's provider. */
  private static void checkIssuer(IdentityProvider provider, String iss) {
    if (iss == null) {
      return;
    }
    var issuer = provider.effectiveEndpoints().issuer();
    if (issuer.isPresent() && !issuer.get().equals(iss)) {
      throw new GatewayProblem(
          FederationProblem.ISSUER_MISMATCH,
          "The answer was issued by another identity provider than the one this sign-in went to.");
    }
  }

  static Credentials credentials(CallContext ctx, IndirectClient client) {
    Optional<Credentials> found;
    try {
      found = client.getCredentials(ctx);
    } catch (OidcIssuerMismatchException e) {
      throw new GatewayProblem(
          FederationProblem.ISSUER_MISMATCH,
          "The answer was issued by another identity provider than the one this sign-in went to.");
    } catch (OidcStateMismatchException
        | OidcMissingStateParameterException
        | OidcMissingSessionStateException e) {
      throw new GatewayProblem(
          FederationProblem.STATE_MISMATCH, "The answer's state is not the one this sign-in sent.");
    } catch (TechnicalException e) {
      throw unwrapped(e, FederationProblem.CALLBACK_UNPARSABLE);
    }
    var credentials =
        found.orElseThrow(
            () ->
                new GatewayProblem(
                    FederationProblem.CALLBACK_UNPARSABLE,
                    "The provider's answer could not be read as an authorization response."));
    try {
      return client
          .validateCredentials(ctx, credentials)
          .orElseThrow(
              () ->
                  new GatewayProblem(
                      FederationProblem.CODE_NOT_EXCHANGED,
                      "The provider's token endpoint did not exchange the code. Check the client"
                          + " id and secret."));
    } catch (TechnicalException e) {
      throw codeNotExchanged(e);
    }
  }

  /**
   * pac4j's reason quotes the token endpoint's {@code error_description}, the provider's own text:
   * logged for the operator, never shown to the person (STYLE §5, "never echo upstream error
   * text").
   */
  private static GatewayProblem codeNotExchanged(TechnicalException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof GatewayProblem problem) {
        return problem;
      }
    }
    LOGGER.log(System.Logger.Level.WARNING, "A code exchange failed: {0}", brief(e));
    return new GatewayProblem(
        FederationProblem.CODE_NOT_EXCHANGED,
        "The provider's token endpoint did not exchange the code. Check the client id and secret"
            + " and the token URL.");
  }

  /** The verified ID token's claims, with the user info's on top (its {@code sub} must match). */
  private JsonObject oidcClaims(
      CallContext ctx, OidcClient client, Credentials credentials, TestReport.Trace trace) {
    OidcProfile profile;
    JsonObject claims;
    try {
      profile =
          (OidcProfile)
              client
                  .getUserProfile(ctx, credentials)
                  .orElseThrow(() -> new TechnicalException("no profile"));
      if (profile.getIdToken() == null) {
        throw new TechnicalException("the token response holds no ID token");
      }
      claims =
          json(JSONObjectUtils.toJSONString(profile.getIdToken().getJWTClaimsSet().toJSONObject()));
    } catch (TechnicalException | java.text.ParseException e) {
      throw new GatewayProblem(
          FederationProblem.ID_TOKEN_INVALID,
          "The provider's ID token was refused: " + brief(e) + ".");
    }
    trace.idTokenClaims(claims);
    var userInfoEndpoint =
        client.getConfiguration().getOpMetadataResolver().load().getUserInfoEndpointURI();
    if (userInfoEndpoint == null) {
      return claims;
    }
    var accessToken = ((OidcCredentials) credentials).toAccessToken();
    var userInfo =
        userInfo(
            userInfoEndpoint.toString(),
            Map.of("Authorization", "Bearer " + accessToken.getValue()));
    var subject = claims.getString("sub", null);
    if (!userInfo.containsKey("sub")
        || !userInfo.get("sub").toString().equals(claims.get("sub").toString())) {
      throw new GatewayProblem(
          FederationProblem.USER_INFO_OTHER_SUBJECT,
          "The user info's sub is not the ID token's (" + subject + ").");
    }
    // Shown by Test Integration only once it is known to be about the same person.
    trace.userInfo(userInfo);
    var merged = Json.createObjectBuilder(claims);
    userInfo.forEach(merged::add);
    return merged.build();
  }

  private JsonObject userInfo(String url, Map<String, String> authorization) {
    var answer = outbound.get(URI.create(url), authorization);
    if (!answer.ok()) {
      throw new GatewayProblem(
          FederationProblem.USER_INFO_REFUSED,
          "The provider's user info endpoint answered " + answer.status() + ".");
    }
    return Outbound.jsonObject(answer.body());
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static AssertedIdentity identity(
      Space space,
      IdentityProvider provider,
      AttributeMapping.Mapped mapped,
      Optional<UpstreamSession> upstream) {
    var fullName =
        mapped.givenName().map(given -> given + mapped.familyName().map(f -> " " + f).orElse(""));
    var nickname =
        mapped
            .nickname()
            .or(mapped::username)
            .or(() -> fullName)
            .or(() -> mapped.email().map(email -> email.substring(0, email.indexOf('@'))))
            .orElse("Member");
    var profile =
        Member.Profile.named(nickname, mapped.givenName().orElse(nickname))
            .withFamilyName(mapped.familyName().orElse(null))
            .withEmail(mapped.email().orElse(null))
            .withAvatarUrl(mapped.avatarUrl().orElse(null))
            .withUsername(mapped.username().orElse(null));
    // Username and email come back from the provider at every sign-in (after a conflict took them,
    // too); names only with "Always use SSO nicknames", else the member may change their nickname.
    var synced = EnumSet.of(ProfileField.USERNAME, ProfileField.EMAIL, ProfileField.AVATAR);
    if (space.alwaysSsoNicknames()) {
      synced.add(ProfileField.NAMES);
    }
    return new AssertedIdentity(
        space.slug(),
        FederationDoor.NAME,
        provider.alias(),
        Optional.of(mapped.unique()),
        provider.kind().social() ? AdmissionLevel.SOCIAL : AdmissionLevel.SSO,
        profile,
        // With a groups key, the provider's groups are synced at every sign-in; without, untouched.
        provider.attributeKeys().groups().isPresent()
            ? MemberChanges.synced(new GroupSync(provider.alias(), mapped.groups()))
            : MemberChanges.NONE,
        new AdmissionPolicy(mapped.emailVerified(), true, synced, false, true),
        upstream);
  }

  /** A problem Foyer raised inside pac4j, or the given one with pac4j's reason. */
  static GatewayProblem unwrapped(RuntimeException e, ProblemCode otherwise) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof GatewayProblem problem) {
        return problem;
      }
    }
    return new GatewayProblem(otherwise, otherwise.title() + ": " + brief(e) + ".");
  }

  private static String brief(Exception e) {
    var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 200 ? message.substring(0, 200) : message;
  }
}
