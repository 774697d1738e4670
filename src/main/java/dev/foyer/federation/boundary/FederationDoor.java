package dev.foyer.federation.boundary;

import dev.foyer.doors.Door;
import dev.foyer.doors.DoorClients;
import dev.foyer.doors.DoorEndpoint;
import dev.foyer.doors.PathScopedFilter;
import dev.foyer.federation.control.IdentityProviders;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.federation.saml.SamlProblem;
import dev.foyer.federation.saml.SamlResponses;
import dev.foyer.pages.SignInOptions;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.Origins;
import dev.foyer.web.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pac4j.jee.context.JEEContext;

/**
 * Seed 002's door: a space's identity providers (OAuth 2.0, OpenID Connect, social). A sign-in
 * starts at {@code /auth/federation/{account}/{alias}} (the landing page's buttons lead there) and
 * every provider answers at the one callback endpoint, each at its own address under it: {@value
 * #CALLBACK}{@code /{account}/{alias}}, the redirect URI an administrator registers at the
 * provider. One address for all would let a provider's answer be taken for another's (a mix-up, RFC
 * 9700 §4.4: most OAuth 2.0 providers send no {@code iss} to tell them apart).
 */
@ApplicationScoped
public class FederationDoor implements Door, SignInOptions, ProblemCodes {
  public static final String NAME = "federation";

  /** A Test Integration run: its flows and login records are marked with this door name. */
  public static final String TEST = "federation-test";

  /** The administrator's single-use link that starts a Test Integration run. */
  public static final String TEST_TICKET = "federation-ticket";

  /** The callback endpoint: a provider's own address is {@link #callback(Space, String)}. */
  public static final String CALLBACK = "/auth/federation/callback";

  private static final Pattern CALLBACK_PATH =
      Pattern.compile(Pattern.quote(CALLBACK) + "/([^/]+)/([^/]+)");

  /** A SAML provider's service provider metadata: {@value #METADATA}{@code /{account}/{alias}}. */
  public static final String METADATA = "/auth/federation/metadata";

  /** Where the person's choice goes after a username or email conflict. */
  public static final String CHOICE = "/auth/federation/choose";

  @Inject FederationAuthenticator authenticator;
  @Inject ConflictChoices choices;
  @Inject IdentityProviders providers;
  @Inject FlowCookies cookies;
  @Inject PublicAddress address;

  @Override
  public List<DoorEndpoint> endpoints() {
    return List.of(
        new DoorEndpoint(
                NAME,
                DoorClients.contextual(NAME, this::callback, authenticator::finish),
                List.of(CALLBACK + "/*"),
                Optional.of(CALLBACK_PATH),
                Set.of("GET", "POST"),
                DoorEndpoint.FORM,
                FederationDoor::spaceOfAddress,
                false,
                false)
            // A SAML response is posted here: base64 of up to SamlResponses.MAX_BYTES,
            // form-encoded.
            .withMaxBody(SamlResponses.MAX_BYTES * 3 / 2),
        new DoorEndpoint(
            ConflictChoices.DOOR,
            DoorClients.contextual(
                ConflictChoices.DOOR,
                request ->
                    Optional.of(
                        new ConflictChoices.Choice(
                            cookies.choice(request).orElse(null),
                            request.getParameter("value"),
                            acceptsHtml(request),
                            Origins.foreign(request, address.origin(request)).isPresent())),
                (ctx, choice) ->
                    choices.resume(((JEEContext) ctx.webContext()).getNativeRequest(), choice)),
            List.of(CHOICE),
            Optional.empty(),
            Set.of("POST"),
            DoorEndpoint.FORM,
            request -> null,
            false,
            false));
  }

  private Optional<FederationAuthenticator.Callback> callback(HttpServletRequest request) {
    var parameters = new LinkedHashMap<String, String>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (values.length != 1) {
                throw new GatewayProblem(
                    ProblemType.PARAMETER_REPEATED, "The parameter " + name + " is repeated.");
              }
              if (FederationAuthenticator.REFUSED_PARAMETERS.contains(name)) {
                throw new GatewayProblem(
                    FederationProblem.CALLBACK_UNPARSABLE,
                    "Foyer asks for an authorization code only; the answer carries " + name + ".");
              }
              parameters.put(name, values[0]);
            });
    var path = CALLBACK_PATH.matcher(PathScopedFilter.normalized(request));
    if (!path.matches()) {
      throw new GatewayProblem(ProblemType.NOT_FOUND, "There is no callback at this address.");
    }
    // Named by the address, as the space is (spaceOfAddress).
    DoorAttempt.provider(request, path.group(2));
    // SAML's answer is posted from the identity provider's site (HTTP-POST binding), where the
    // browser sends no SameSite cookie: its RelayState names the flow. OAuth's comes by GET.
    var saml = parameters.containsKey(FederationAuthenticator.SAML_RESPONSE);
    if (saml != request.getMethod().equals("POST")) {
      throw new GatewayProblem(
          FederationProblem.CALLBACK_UNPARSABLE,
          saml
              ? "A SAMLResponse is accepted by HTTP-POST only."
              : "Only a SAML identity provider posts its answer here, as a SAMLResponse.");
    }
    return Optional.of(
        new FederationAuthenticator.Callback(
            saml ? parameters.get("RelayState") : cookies.flow(request).orElse(null),
            path.group(1),
            path.group(2),
            parameters));
  }

  /** A person's browser, which is shown pages, rather than an API caller. */
  static boolean acceptsHtml(HttpServletRequest request) {
    var accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  /** The redirect URI of a space's provider, the path an administrator registers there. */
  public static String callback(Space space, String alias) {
    return CALLBACK + "/" + space.slug() + "/" + alias;
  }

  /** A SAML provider's metadata address, the default service provider entity id. */
  public static String metadata(Space space, String alias) {
    return METADATA + "/" + space.slug() + "/" + alias;
  }

  /**
   * The login record names the space of the provider's address, as the entry's names the space of
   * its path: nothing read before the flow is taken (an answer at another space's address than its
   * flow's is refused, {@code FLOW4}).
   */
  private static String spaceOfAddress(HttpServletRequest request) {
    var path = CALLBACK_PATH.matcher(PathScopedFilter.normalized(request));
    return path.matches() ? path.group(1) : null;
  }

  @Override
  public List<SignInOption> offered(Space space) {
    return providers.enabledOf(space.id()).stream()
        .map(
            provider ->
                new SignInOption(
                    "idp-login idp-" + provider.alias(),
                    provider.buttonLabel(),
                    URI.create("/auth/federation/" + space.slug() + "/" + provider.alias())))
        .toList();
  }

  @Override
  public List<? extends ProblemCode> codes() {
    return Stream.concat(
            Arrays.stream(FederationProblem.values()), Arrays.stream(SamlProblem.values()))
        .toList();
  }
}
