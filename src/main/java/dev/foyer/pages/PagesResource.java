package dev.foyer.pages;

import dev.foyer.members.entity.EventJoin;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.Sessions;
import dev.foyer.sessions.entity.ParticipantSession;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.spaces.entity.Event;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.Html;
import dev.foyer.web.SecurityHeaders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.stream.Collectors;

@RequestScoped
@Path("/")
public class PagesResource {
  private static final String HTML = "text/html;charset=UTF-8";
  private static final String STYLESHEET =
      """
      body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}
      code{background:#f3f3f3;padding:.1rem .3rem}
      """;

  @Inject Spaces spaces;
  @Inject Sessions sessions;
  @Inject Instance<SignInOptions> signInOptions;
  @Inject Clock clock;
  @PersistenceContext EntityManager em;
  @Context HttpHeaders headers;
  @Context HttpServletRequest request;

  // No @Produces on pages: a JSON caller must get its refusal as problem+json, not a 406.
  @GET
  @Path("spaces/{slug}")
  @Transactional
  public Response landing(
      @PathParam("slug") String slug, @HeaderParam(Sessions.HEADER) String token) {
    var space = space(slug);
    var session = sessions.current(space.slug(), headers.getCookies(), token);
    String body;
    if (session.isPresent()) {
      var level = AdmissionLevel.valueOf(session.get().admissionLevel());
      var events =
          spaces.events(space).stream()
              .filter(event -> event.admits(level))
              .map(
                  event ->
                      "<li><a href=\""
                          + Html.escape(Spaces.eventPage(event).toString())
                          + "\">"
                          + Html.escape(event.title())
                          + "</a></li>")
              .collect(Collectors.joining("\n"));
      body =
          """
          <h1 class="greeting">Hello, %s!</h1>
          <p>Welcome to %s.</p>
          <h2>Events you can join</h2>
          <ul class="events">%s</ul>
          %s
          """
              .formatted(
                  Html.escape(session.get().member().nickname()),
                  Html.escape(space.name()),
                  events.isEmpty() ? "<li>No events yet.</li>" : events,
                  logoutForm(space));
    } else {
      var options =
          signInOptions.stream()
              .flatMap(door -> door.offered(space).stream())
              .map(
                  option ->
                      "<p><a class=\""
                          + Html.escape(option.cssClass())
                          + "\" href=\""
                          + Html.escape(option.target().toString())
                          + "\">"
                          + Html.escape(option.label())
                          + "</a></p>")
              .collect(Collectors.joining("\n"));
      body =
          """
          <h1>%s</h1>
          <p class="signed-out">You are not signed in. Follow the link your organisation gives you to join its chat events.</p>
          %s
          """
              .formatted(Html.escape(space.name()), options);
    }
    return page(space.name(), body);
  }

  @GET
  @Path("spaces/{slug}/events/{eventId}")
  @Transactional
  public Response event(
      @PathParam("slug") String slug,
      @PathParam("eventId") String eventId,
      @HeaderParam(Sessions.HEADER) String token) {
    var space = space(slug);
    var event =
        spaces
            .event(space, eventId)
            .orElseThrow(
                () ->
                    new GatewayProblem(ProblemType.EVENT_UNKNOWN, "This space has no such event."));
    ParticipantSession session =
        sessions
            .current(space.slug(), headers.getCookies(), token)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.SESSION_REQUIRED, "Sign in to join this event."));
    if (!event.admits(AdmissionLevel.valueOf(session.admissionLevel()))) {
      throw new GatewayProblem(
          ProblemType.EVENT_LEVEL_NOT_ADMITTED,
          "This event does not admit participants signed in the way you did.");
    }
    recordJoin(session, event);
    var body =
        """
        <p><a href="%s">%s</a></p>
        <h1 class="event-title">%s</h1>
        <p>You appear in the chat as <strong class="chat-name">%s</strong>.</p>
        %s
        """
            .formatted(
                Html.escape(Spaces.home(space).toString()),
                Html.escape(space.name()),
                Html.escape(event.title()),
                Html.escape(session.member().nickname()),
                logoutForm(space));
    return page(event.title(), body);
  }

  private void recordJoin(ParticipantSession session, Event event) {
    var member = em.merge(session.member());
    long joins =
        em.createNamedQuery(EventJoin.COUNT, Long.class)
            .setParameter("member", member)
            .setParameter("event", event)
            .getSingleResult();
    if (joins == 0) {
      em.persist(new EventJoin(member, event, clock.instant()));
    }
  }

  /**
   * The pages' one stylesheet: the Content-Security-Policy (web.SecurityHeaders) allows no inline
   * style.
   */
  @GET
  @Path("foyer.css")
  @Produces("text/css;charset=UTF-8")
  public Response stylesheet() {
    var cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(STYLESHEET).cacheControl(cache).build();
  }

  /**
   * The space, and from here on this answer may be shown in a frame of the space's allowed origins:
   * a member who came in through the embed sees the space's pages (and their refusals) inside it.
   */
  private Space space(String slug) {
    var space =
        spaces
            .bySlug(slug)
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_UNKNOWN, "There is no space named like that."));
    SecurityHeaders.frameableBy(request, space.allowedOrigins());
    return space;
  }

  private static String logoutForm(Space space) {
    return """
    <form method="post" action="/auth/logout"><input type="hidden" name="account" value="%s"><button type="submit">Sign out</button></form>
    """
        .formatted(Html.escape(space.slug()));
  }

  /** A page; web.SecurityHeaders adds {@code Cache-Control: no-store} and who may frame it. */
  private static Response page(String title, String body) {
    return Response.ok(Html.page(title, body), HTML).build();
  }
}
