package dev.foyer.sessions.boundary;

import dev.foyer.members.control.Members;
import dev.foyer.members.entity.Member;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.Sessions;
import dev.foyer.sessions.entity.ParticipantSession;
import dev.foyer.spaces.boundary.AdminScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * A member's open sessions, for an administrator: where and when they signed in, never the token
 * nor its hash (the hash is the session's key, so it is not shown as an id either). Ending them
 * signs the member out of every browser and plugin at once; the member may sign in again.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/members/{memberId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class MemberSessionsResource {
  @Inject AdminScope scope;
  @Inject Members members;
  @Inject Sessions sessions;

  @PathParam("slug")
  String slug;

  @PathParam("memberId")
  String memberId;

  private static final java.util.regex.Pattern SESSION_ID =
      java.util.regex.Pattern.compile("[0-9a-f]{32}");

  /**
   * Newest first, at most {@code limit} (1 to 1000, default 100): unsigned links let anyone open
   * sessions for a uid they know, so the list is bounded; ending them is not.
   */
  @GET
  public List<SessionView> list(@QueryParam("limit") String limit) {
    var member = member();
    return sessions.open(member, limit(limit)).stream().map(SessionView::of).toList();
  }

  /**
   * One session, named by the {@code id} the list shows: 204, and the browser or plugin holding it
   * is signed out; 404 ({@code GEN404}) when the member has no such session open (any more).
   */
  @DELETE
  @Path("{sessionId}")
  public Response endOne(@PathParam("sessionId") String sessionId) {
    var member = member();
    if (sessionId == null
        || !SESSION_ID.matcher(sessionId).matches()
        || !sessions.endOne(member, sessionId)) {
      throw new GatewayProblem(
          ProblemType.NOT_FOUND, "This member has no open session with that id.");
    }
    return Response.noContent().build();
  }

  /** 204 whether there was anything to end or not: asking twice is the same as asking once. */
  @DELETE
  public Response end() {
    sessions.endAll(member());
    return Response.noContent().build();
  }

  private static int limit(String limit) {
    if (limit == null) {
      return 100;
    }
    if (!limit.matches("[0-9]{1,4}")
        || Integer.parseInt(limit) < 1
        || Integer.parseInt(limit) > 1000) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "limit: a number from 1 to 1000");
    }
    return Integer.parseInt(limit);
  }

  private Member member() {
    return members.inSpace(scope.space(slug), memberId);
  }

  /**
   * @param id names the session to end it alone; derived from its key, never the key
   * @param lastSeenAt the last request the session made, to the minute (it is written at most once
   *     a minute)
   */
  public record SessionView(
      String id,
      String door,
      String admissionLevel,
      Instant signedInAt,
      Instant lastSeenAt,
      Instant expiresAt) {
    static SessionView of(ParticipantSession session) {
      return new SessionView(
          session.publicId(),
          session.door(),
          session.admissionLevel(),
          session.createdAt(),
          session.lastUsedAt(),
          session.expiresAt());
    }
  }
}
