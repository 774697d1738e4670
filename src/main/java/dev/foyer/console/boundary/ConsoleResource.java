package dev.foyer.console.boundary;

import dev.foyer.console.control.Operators;
import dev.foyer.console.entity.ConsoleProblem;
import dev.foyer.console.entity.OperatorSession;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.web.Html;
import dev.foyer.web.Origins;
import dev.foyer.web.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's pages, its sign-in by link, who is signed in, and sign-out. The pages are static:
 * one HTML page, its script and its stylesheet, all from Foyer's own origin, so the strict policy
 * every answer carries ({@code default-src 'self'}) holds for them too; everything they show comes
 * from the admin API.
 */
@Path("/console")
public class ConsoleResource {
  static final String SIGN_IN = "/console/sign-in";
  private static final Map<String, String> ASSETS =
      Map.of(
          "console.js", "text/javascript;charset=UTF-8",
          "console.css", "text/css;charset=UTF-8");

  @Inject Operators operators;
  @Inject ConsoleCookies cookies;
  @Context HttpHeaders headers;
  @Context HttpServletRequest request;
  @Inject PublicAddress address;

  @Inject
  @ConfigProperty(name = "foyer.console.oidc.issuer")
  Optional<String> oidcIssuer;

  /** The console's one page, at {@code /console} and {@code /console/}. */
  @GET
  @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
  public String page() {
    return asset("index.html");
  }

  @GET
  @Path("{asset: console\\.(js|css)}")
  public Response file(@PathParam("asset") String name) {
    var cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(asset(name), ASSETS.get(name)).cacheControl(cache).build();
  }

  /**
   * A single-use link's target: a page whose button signs in, so that a link scanner or a page that
   * only opens the link uses nothing up and opens no session.
   */
  // No @Produces: a JSON caller must get its refusal (CON1) as problem+json, not a 406.
  @GET
  @Path("sign-in")
  public Response signInPage(@QueryParam("code") String code) {
    operators.usable(code);
    var page =
        Html.page(
            "Sign in to Foyer's console",
            """
        <h1>Foyer's operator console</h1>
        <p>This link signs one browser in to the console, once.</p>
        <form method="post" action="%s"><input type="hidden" name="code" value="%s">        <button type="submit">Sign in to the console</button></form>
        """
                .formatted(SIGN_IN, Html.escape(code)));
    return Response.ok(page, MediaType.TEXT_HTML + ";charset=UTF-8").build();
  }

  /**
   * Uses the link: opens the session (ending one this browser had) and sends the browser to the
   * console. Only from Foyer's own page.
   */
  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@FormParam("code") String code) {
    Origins.foreign(request, address.origin(request))
        .ifPresent(
            origin -> {
              throw new GatewayProblem(
                  ConsoleProblem.ORIGIN_REFUSED, "A page of another origin sent this sign-in.");
            });
    cookies.token(headers.getCookies()).flatMap(operators::session).ifPresent(operators::end);
    var opened = operators.redeem(code);
    return Response.seeOther(URI.create("/console/"))
        .cookie(cookies.issue(opened.token(), operators.sessionTtl()))
        .build();
  }

  /** Who is signed in, and the CSRF token the page sends back with every change. */
  public record OperatorView(
      String subject,
      String displayName,
      String role,
      String space,
      String source,
      Instant expiresAt,
      String csrf) {}

  @GET
  @Path("operator")
  @Produces(MediaType.APPLICATION_JSON)
  public OperatorView operator() {
    var token = cookies.token(headers.getCookies());
    var session =
        token
            .flatMap(operators::session)
            .orElseThrow(
                () ->
                    new GatewayProblem(ProblemType.UNAUTHORIZED, "Not signed in to the console."));
    return new OperatorView(
        session.subject(),
        session.displayName().orElse(null),
        session.role().role(),
        session.role().space().orElse(null),
        session.source().name(),
        session.expiresAt(),
        Operators.csrf(token.get()));
  }

  /**
   * How a signed-out operator may sign in: the address that starts a sign-in at the organisation's
   * OpenID Connect provider, when one is configured (the federation door serves it).
   */
  public record SignInOptions(String oidc) {}

  @GET
  @Path("sign-in-options")
  @Produces(MediaType.APPLICATION_JSON)
  public SignInOptions signInOptions() {
    return new SignInOptions(
        oidcIssuer.filter(issuer -> !issuer.isBlank()).isPresent()
            ? "/auth/federation/operators"
            : null);
  }

  /** Ends the console session; needs the CSRF token like every change. */
  @POST
  @Path("sign-out")
  public Response signOut() {
    var token = cookies.token(headers.getCookies());
    Optional<OperatorSession> session = token.flatMap(operators::session);
    if (session.isPresent()) {
      if (!Operators.csrfMatches(
          token.get(), headers.getHeaderString(ConsoleAuthentication.CSRF_HEADER))) {
        throw new GatewayProblem(
            ConsoleProblem.CSRF_MISSING, "Sign out from the console's own button.");
      }
      operators.end(session.get());
    }
    return Response.noContent().cookie(cookies.expire()).build();
  }

  private static String asset(String name) {
    try (var in = ConsoleResource.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new GatewayProblem(ProblemType.NOT_FOUND, "No such page.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
