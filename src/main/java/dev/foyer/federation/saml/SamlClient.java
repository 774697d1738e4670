package dev.foyer.federation.saml;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.web.Html;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.core.exception.http.OkAction;
import org.pac4j.core.exception.http.RedirectionAction;
import org.pac4j.core.util.HttpActionHelper;

/**
 * SAML 2.0 as a pac4j indirect client, so a SAML provider plugs into the federation door like the
 * OAuth ones: its redirection sends a signed AuthnRequest (its ID kept in the flow, the flow's id
 * as {@code RelayState}); its credentials are the posted {@code SAMLResponse}; its authenticator is
 * {@link SamlResponses}, Foyer's own validation.
 */
public final class SamlClient extends IndirectClient {
  /** The request attribute holding the flow id, which travels as {@code RelayState}. */
  public static final String RELAY_STATE = SamlClient.class.getName() + ".relayState";

  /** The request attribute holding the form page's target, for the page's form-action. */
  public static final String POST_TO = SamlClient.class.getName() + ".postTo";

  private static final String PARSED = SamlClient.class.getName() + ".parsed";

  /** The flow value holding the AuthnRequest's ID. */
  static final String REQUEST_ID = "saml$requestId";

  /**
   * One provider's SAML settings, as the client needs them.
   *
   * @param keys the service provider's keys, current first
   */
  public record Settings(
      IdpMetadata idp,
      String spEntityId,
      String acsUrl,
      String nameIdFormat,
      boolean postBinding,
      boolean encryptedAssertions,
      List<SpKey> keys,
      Duration skew) {}

  /**
   * The key that signs: during a rotation the previous one, which the identity provider already
   * trusts, while the new one is published (and decrypts) until the overlap ends; else the only
   * one.
   *
   * @param keys current first
   */
  public static SpKey signingKey(List<SpKey> keys) {
    return keys.get(keys.size() - 1);
  }

  /** The posted response, parsed; once validated, what it asserted. */
  public static final class SamlCredentials extends Credentials {
    private static final long serialVersionUID = 1L;
    private final transient org.w3c.dom.Document document;
    private transient SamlResponses.Accepted accepted;

    SamlCredentials(org.w3c.dom.Document document) {
      this.document = document;
    }

    public org.w3c.dom.Document document() {
      return document;
    }

    public Optional<SamlResponses.Accepted> accepted() {
      return Optional.ofNullable(accepted);
    }
  }

  private final Settings settings;
  private final Clock clock;

  public SamlClient(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  protected void internalInit(boolean forceReinit) {
    setRedirectionActionBuilderIfUndefined(this::request);
    setCredentialsExtractorIfUndefined(SamlClient::posted);
    setAuthenticatorIfUndefined(this::validate);
  }

  private Optional<RedirectionAction> request(CallContext ctx) {
    var webContext = ctx.webContext();
    Optional<Object> attribute = webContext.getRequestAttribute(RELAY_STATE);
    var relayState =
        attribute
            .map(String::valueOf)
            .orElseThrow(() -> new IllegalStateException("a SAML request needs its flow id"));
    var sent =
        SamlRequests.authn(
            settings.idp(),
            settings.postBinding(),
            settings.spEntityId(),
            settings.acsUrl(),
            settings.nameIdFormat(),
            signingKey(settings.keys()),
            relayState);
    ctx.sessionStore().set(webContext, REQUEST_ID, sent.id());
    if (sent.redirect().isPresent()) {
      return Optional.of(
          HttpActionHelper.buildRedirectUrlAction(webContext, sent.redirect().get().toString()));
    }
    var postTo = sent.postTo().orElseThrow();
    webContext.setRequestAttribute(POST_TO, postTo);
    return Optional.of(
        new OkAction(page(postTo, "SAMLRequest", sent.samlRequest().orElseThrow(), relayState)));
  }

  /**
   * The page that posts the request to the identity provider: the form, sent by the door's script
   * (the Content-Security-Policy allows no inline script), or by the button without scripts.
   */
  public static String page(String postTo, String field, String message, String relayState) {
    return Html.page(
        "Signing in",
        """
        <form method="post" action="%s" id="saml-post">
        <input type="hidden" name="%s" value="%s">
        <input type="hidden" name="RelayState" value="%s">
        <p>Foyer is sending you to your organisation's identity provider.</p>
        <button type="submit">Continue</button>
        </form>
        <script src="/auth/federation/saml-post.js"></script>
        """
            .formatted(
                Html.escape(postTo),
                Html.escape(field),
                Html.escape(message),
                Html.escape(relayState)));
  }

  private static Optional<Credentials> posted(CallContext ctx) {
    return document(ctx.webContext()).map(SamlCredentials::new);
  }

  /** Forgets the parsed response, so that it is read again as it was posted (a retry). */
  public static void forget(org.pac4j.core.context.WebContext context) {
    context.setRequestAttribute(PARSED, null);
  }

  /**
   * The posted {@code SAMLResponse}, decoded and parsed once per request.
   *
   * @throws GatewayProblem {@code SML2RE1} when it is not base64 of a SAML response
   */
  public static Optional<org.w3c.dom.Document> document(org.pac4j.core.context.WebContext context) {
    Optional<Object> parsed = context.getRequestAttribute(PARSED);
    if (parsed.isPresent()) {
      return Optional.of((org.w3c.dom.Document) parsed.get());
    }
    var encoded = context.getRequestParameter("SAMLResponse");
    if (encoded.isEmpty()) {
      return Optional.empty();
    }
    byte[] xml;
    try {
      // Line breaks are allowed (identity providers wrap base64); nothing else is skipped.
      xml = Base64.getDecoder().decode(encoded.get().replaceAll("[\\r\\n\\t ]", ""));
    } catch (IllegalArgumentException e) {
      throw new GatewayProblem(SamlProblem.RESPONSE_REFUSED, "The SAMLResponse is not base64.");
    }
    var document = SamlResponses.parse(xml);
    context.setRequestAttribute(PARSED, document);
    return Optional.of(document);
  }

  private Optional<Credentials> validate(CallContext ctx, Credentials credentials) {
    var saml = (SamlCredentials) credentials;
    var requestId = ctx.sessionStore().get(ctx.webContext(), REQUEST_ID).map(String.class::cast);
    saml.accepted =
        SamlResponses.validate(
            saml.document(),
            new SamlResponses.Expected(
                settings.idp().entityId(),
                settings.idp().signingKeys(),
                settings.spEntityId(),
                settings.acsUrl(),
                requestId,
                settings.encryptedAssertions(),
                settings.keys().stream().map(SpKey::privateKey).toList(),
                clock.instant(),
                settings.skew()));
    return Optional.of(saml);
  }

  /** The origin a page of this client may post a form to. */
  public static String origin(String url) {
    var uri = URI.create(url);
    return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(java.util.Locale.ROOT);
  }
}
