package dev.foyer.sessions.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.SessionCookies;
import dev.foyer.sessions.control.Sessions;
import dev.foyer.sessions.control.SignOutFollowUp;
import dev.foyer.sessions.entity.ParticipantSession;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.Origins;
import dev.foyer.web.PublicAddress;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in participant ({@code GET /api/me}), their own changes ({@code PATCH /api/me}: the
 * nickname) and sign-out ({@code POST /auth/logout}). All name the space with {@code account}
 * (validated before use: a slug that cannot name a space is {@code UAACCT2}) or use the only
 * session the request carries. Which page may read the answer is decided per space: see {@link
 * SessionCors}.
 */
@jakarta.enterprise.context.RequestScoped
@jakarta.transaction.Transactional
@Path("/")
public class MeResource {
  /** A sign-out form carries one short field; anything longer is not Foyer's form. */
  static final int MAX_FORM = 4096;

  /** What PATCH /api/me takes; any other field is refused, not ignored. */
  static final Set<String> CHANGEABLE = Set.of("nickname");

  /** The nickname column's size. */
  static final int MAX_NICKNAME = 255;

  @Inject Sessions sessions;
  @Inject SessionCookies cookies;
  @Inject Spaces spaces;
  @Inject SessionCors cors;
  @Inject PublicAddress address;
  @Context HttpHeaders headers;
  @Context UriInfo uriInfo;
  @Context HttpServletRequest request;
  @Inject @Any Instance<SignOutFollowUp> followUps;

  @GET
  @Path("api/me")
  @Produces(MediaType.APPLICATION_JSON)
  public Response me(@HeaderParam(Sessions.HEADER) String token) {
    var account = queryAccount();
    var session = find(account, token);
    var space = session.map(ParticipantSession::space).or(() -> account.map(this::space));
    cors.answerFor(space, Origins.foreign(request, address.origin(request)));
    var signedIn =
        session.orElseThrow(
            () ->
                new GatewayProblem(
                    ProblemType.SESSION_REQUIRED, "Sign in first; no valid session was sent."));
    var cache = new CacheControl();
    cache.setNoStore(true);
    return Response.ok(Me.of(signedIn)).cacheControl(cache).build();
  }

  /**
   * The member changes their own nickname: checked as every name Foyer stores ({@link
   * DisplayNames}). Refused ({@code NICK1}) where the space always uses the nickname single sign-on
   * asserts (seed 002), except for guests, whom no provider names. The answer is {@code GET
   * /api/me}'s. A PATCH with JSON is never sent cross-origin without a preflight, but the preflight
   * may have been answered for another space's origin (see {@link SessionCors}): like the logout,
   * the change itself checks the page's origin against the session's space before writing.
   */
  @PATCH
  @Path("api/me")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response change(@HeaderParam(Sessions.HEADER) String token, String body) {
    var account = queryAccount();
    var session = find(account, token);
    var space = session.map(ParticipantSession::space).or(() -> account.map(this::space));
    var foreign = Origins.foreign(request, address.origin(request));
    cors.answerFor(space, foreign);
    var signedIn =
        session.orElseThrow(
            () ->
                new GatewayProblem(
                    ProblemType.SESSION_REQUIRED, "Sign in first; no valid session was sent."));
    if (foreign.isPresent() && !signedIn.space().allowsOrigin(foreign.get())) {
      throw new GatewayProblem(
          ProblemType.FORBIDDEN, "This page's origin may not change members of this account.");
    }
    var requested = nicknameRequest(body);
    var member = signedIn.member();
    if (signedIn.space().alwaysSsoNicknames() && !member.guest()) {
      throw new GatewayProblem(
          ProblemType.NICKNAME_LOCKED,
          "This space always uses the nickname your organisation's sign-in gives you.");
    }
    member.changeNickname(nickname(requested));
    var cache = new CacheControl();
    cache.setNoStore(true);
    return Response.ok(Me.of(signedIn)).cacheControl(cache).build();
  }

  /** The body's {@code nickname}: a JSON object with that one string field (else REQ400). */
  static String nicknameRequest(String body) {
    if (body != null && body.length() > MAX_FORM) {
      throw new GatewayProblem(
          ProblemType.REQUEST_TOO_LARGE, "The body is at most " + MAX_FORM + " characters.");
    }
    JsonObject object;
    try (var parser = Json.createParser(new StringReader(body == null ? "" : body))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw malformed("a JSON object is required");
      }
      object = parser.getObject();
      // Nothing may follow the object: "{...} {...}" is not one request.
      if (parser.hasNext()) {
        throw malformed("one JSON object, and nothing after it");
      }
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw malformed("the body is not valid JSON");
    }
    for (var field : object.keySet()) {
      if (!CHANGEABLE.contains(field)) {
        throw malformed(
            "'" + shown(field) + "' is not a field; only " + CHANGEABLE + " may be changed");
      }
    }
    if (!(object.get("nickname") instanceof JsonString nickname)) {
      throw malformed("nickname: a JSON string is required");
    }
    return nickname.getString();
  }

  /** Stored as every name: NFC, ends cut, something visible, at most 255 characters. */
  static String nickname(String requested) {
    var outcome = DisplayNames.of(requested);
    if (outcome instanceof DisplayNames.Invisible) {
      throw new GatewayProblem(
          ProblemType.NAME_INVISIBLE, "nickname: made only of invisible characters");
    }
    if (outcome instanceof DisplayNames.Name name && name.value().length() <= MAX_NICKNAME) {
      return name.value();
    }
    throw new GatewayProblem(
        ProblemType.NICKNAME_INVALID,
        "nickname: required, at most " + MAX_NICKNAME + " characters");
  }

  private static GatewayProblem malformed(String detail) {
    return new GatewayProblem(ProblemType.MALFORMED_BODY, detail + ".");
  }

  private static String shown(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }

  /**
   * Ends the session server-side and drops its cookie. Browsers (a form post) go on to the space's
   * page; API callers get 204. The form's {@code account} field or the query's names the space. The
   * body is read as text and parsed here: a @FormParam makes Jersey fail on a bodiless POST, and
   * the servlet's own form parsing is not reliable once JAX-RS owns the request.
   *
   * <p>A sign-out form post is a "simple" request that browsers send cross-origin without asking
   * (no preflight), with the session cookie wherever the cookie's SameSite allows it (the embed
   * cookie is SameSite=None; a same-site intranet gets Lax cookies too). So a request from another
   * origin is refused ({@code SES3}) before anything is revoked, unless the space whose session it
   * ends lists that origin: CORS alone would only hide the answer, not stop the logout.
   */
  @POST
  @Path("auth/logout")
  public Response logout(
      @HeaderParam(Sessions.HEADER) String token,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    var account = logoutAccount(contentType, body);
    var named = account.map(this::space);
    var session = find(account, token);
    var space = session.map(ParticipantSession::space).or(() -> named);
    var foreign = Origins.foreign(request, address.origin(request));
    if (foreign.isPresent() && !space.map(s -> s.allowsOrigin(foreign.get())).orElse(false)) {
      throw new GatewayProblem(
          ProblemType.LOGOUT_ORIGIN_REFUSED,
          "This page may not sign anyone out of "
              + space.map(s -> "the account " + s.slug()).orElse("an unnamed account")
              + ": its origin is not one the account allows.");
    }
    cors.answerFor(space, foreign);
    sessions.end(session.stream().toList());
    var browser =
        space.isPresent()
            && headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.TEXT_HTML_TYPE) && !t.isWildcardType());
    // A browser may first be sent to the identity provider the session came from (single logout),
    // which sends it back to the space's page.
    var next =
        browser
            ? session.flatMap(
                ended ->
                    followUps.stream()
                        .flatMap(
                            followUp -> followUp.after(ended, address.origin(request)).stream())
                        .findFirst())
            : Optional.<URI>empty();
    var response =
        browser
            ? Response.seeOther(
                next.orElseGet(() -> uriInfo.getBaseUri().resolve(Spaces.home(space.get()))))
            : Response.noContent();
    // Only the cookie of a session this request really ended: a logout that carries none clears
    // nothing, so no page can wipe another space's cookie by naming it.
    session.ifPresent(s -> response.cookie(cookies.expire(s.space().slug())));
    return response.build();
  }

  /**
   * Preflights of the plugin's calls. The browser sends no credentials here, so the space is known
   * only from the query's {@code account}; see {@link SessionCors} for why that is enough.
   */
  @OPTIONS
  @Path("api/me")
  public Response mePreflight() {
    return preflight();
  }

  @OPTIONS
  @Path("auth/logout")
  public Response logoutPreflight() {
    return preflight();
  }

  private Response preflight() {
    var origin = headers.getHeaderString(Origins.ORIGIN);
    if (origin != null && !Origins.sameOrigin(address.origin(request), origin)) {
      var account = queryValue("account");
      boolean allowed =
          account.isPresent()
              ? spaces.bySlug(account.get()).filter(s -> s.allowsOrigin(origin)).isPresent()
              : spaces.anySpaceAllowsOrigin(origin);
      cors.preflight(origin, allowed);
    }
    return Response.noContent().build();
  }

  /** The query's {@code account}: at most once, and the shape of a slug. */
  private Optional<String> queryAccount() {
    return queryValue("account").map(MeResource::slugShaped);
  }

  private Optional<String> logoutAccount(String contentType, String body) {
    Optional<String> fromForm = Optional.empty();
    if (contentType != null
        && contentType
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
      if (body != null && body.length() > MAX_FORM) {
        throw new GatewayProblem(
            ProblemType.REQUEST_TOO_LARGE, "A sign-out form is at most " + MAX_FORM + " bytes.");
      }
      fromForm = single(formFields(body, "account"));
    }
    var fromQuery = queryValue("account");
    if (fromForm.isPresent() && fromQuery.isPresent() && !fromForm.equals(fromQuery)) {
      throw repeated();
    }
    return fromForm.or(() -> fromQuery).map(MeResource::slugShaped);
  }

  /**
   * A query parameter, taken as sent and decoded here: JAX-RS's own decoding of a malformed escape
   * ({@code x%}) would fail outside Foyer's refusals.
   */
  private Optional<String> queryValue(String name) {
    return single(uriInfo.getQueryParameters(false).getOrDefault(name, List.of()))
        .map(MeResource::decoded);
  }

  private static Optional<String> single(List<String> values) {
    if (values.size() > 1) {
      throw repeated();
    }
    return values.stream().findFirst();
  }

  private static GatewayProblem repeated() {
    return new GatewayProblem(
        ProblemType.PARAMETER_REPEATED, "The account parameter is given more than once.");
  }

  /** Every value of the form field {@code name}, decoded. */
  static List<String> formFields(String body, String name) {
    var values = new ArrayList<String>();
    if (body == null) {
      return values;
    }
    for (var pair : body.split("&")) {
      var eq = pair.indexOf('=');
      var key = decoded(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        values.add(decoded(eq < 0 ? "" : pair.substring(eq + 1)));
      }
    }
    return values;
  }

  /**
   * A form-encoded value decoded; one that does not decode ({@code x%}) stays as it is, and its
   * {@code %} then fails the slug's shape like any other character a slug cannot hold.
   */
  static String decoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  private static String slugShaped(String account) {
    if (account.isEmpty()) {
      throw new GatewayProblem(
          ProblemType.ACCOUNT_MISSING, "The account parameter is empty; name the account.");
    }
    if (!Spaces.SLUG.matcher(account).matches()) {
      throw unknownAccount();
    }
    return account;
  }

  private Space space(String slug) {
    return spaces.bySlug(slug).orElseThrow(MeResource::unknownAccount);
  }

  private static GatewayProblem unknownAccount() {
    return new GatewayProblem(ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that.");
  }

  private Optional<ParticipantSession> find(Optional<String> account, String token) {
    if (account.isPresent()) {
      return sessions.current(account.get(), headers.getCookies(), token);
    }
    return sessions.only(headers.getCookies(), token);
  }

  public record Me(String account, MemberView member, SessionView session) {
    static Me of(ParticipantSession session) {
      var member = session.member();
      var profile = member.profile();
      return new Me(
          session.space().slug(),
          new MemberView(
              member.id(),
              profile.username(),
              profile.nickname(),
              profile.givenName(),
              profile.familyName(),
              profile.email(),
              member.guest(),
              member.status().name()),
          new SessionView(session.door(), session.createdAt(), session.expiresAt()));
    }
  }

  public record MemberView(
      String id,
      String username,
      String nickname,
      String givenName,
      String familyName,
      String email,
      boolean guest,
      String status) {}

  public record SessionView(String door, Instant signedInAt, Instant expiresAt) {}
}
