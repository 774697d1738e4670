package dev.foyer.members.boundary;

import dev.foyer.members.control.Admission;
import dev.foyer.members.control.MemberSearch;
import dev.foyer.members.control.Members;
import dev.foyer.members.control.Passwords;
import dev.foyer.members.control.StatusHistory;
import dev.foyer.members.entity.EventJoin;
import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberStatus;
import dev.foyer.members.entity.MemberStatusChange;
import dev.foyer.members.entity.SearchTerms;
import dev.foyer.members.entity.StatusChangeRecord;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.boundary.AdminScope;
import dev.foyer.spaces.boundary.SpacesResource;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.PageCursor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Members of a space. Reconciliation (seed 000: "use the REST API to obtain information about ...
 * Sue"): a member by the {@code uid} the CRM sent, with the events they joined and when.
 */
@RequestScoped
@Path("/api/admin/spaces/{slug}/members")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class MembersResource {
  @PersistenceContext EntityManager em;
  @Inject AdminScope scope;
  @Inject Admission admission;
  @Inject Members members;
  @Inject Event<MemberStatusChange> statusChanges;
  @Inject Passwords passwords;
  @Inject Clock clock;

  /**
   * Whose linked ids {@code ?uid=} looks up when no {@code provider} is given: seed 000's
   * reconciliation by the {@code uid} of URI Auth links, unless an operator names another.
   */
  @Inject
  @ConfigProperty(name = "foyer.members.uid-provider", defaultValue = "uri-auth")
  String uidProvider;

  @Inject MemberSearch search;
  @Inject StatusHistory history;

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;

  /** Longer than anything typed to find a person; refused before it is folded. */
  static final int MAX_QUERY = 1000;

  @PathParam("slug")
  String slug;

  /**
   * A member created by an administrator, optionally with a password (seeds 001/003's "email +
   * password" members). The administrator vouches for the email, so SSO sign-ins with the same
   * email attach to this member.
   */
  @POST
  public Response create(NewMember request) {
    var space = scope.space(slug);
    if (request == null) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "givenName: required, at most 255 characters");
    }
    var givenName = SpacesResource.name("givenName", request.givenName());
    var familyName =
        request.familyName() == null || request.familyName().isBlank()
            ? null
            : SpacesResource.name("familyName", request.familyName());
    if (!dev.foyer.web.WebAddresses.isEmail(request.email())) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "email: a valid address is required");
    }
    if (request.password() != null
        && (request.password().length() < 10 || request.password().length() > 200)) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "password: 10 to 200 characters");
    }
    var login = request.email().strip().toLowerCase(Locale.ROOT);
    if (request.password() != null
        && admission.linked(space, Passwords.LOGIN_PROVIDER, login).isPresent()) {
      throw new GatewayProblem(
          ProblemType.MEMBER_EXISTS, "A member with this email already signs in with a password.");
    }
    var profile =
        Member.Profile.named(givenName, givenName)
            .withFamilyName(familyName)
            .withEmail(request.email().strip());
    var member = new Member(space, profile, false, true, clock.instant());
    if (request.status() != null) {
      member.changeStatus(request.status());
    }
    em.persist(member);
    if (request.status() != null) {
      history.createdWith(member, request.status(), scope.subject());
    }
    if (request.password() != null) {
      member.setPasswordHash(passwords.hash(request.password()));
      em.persist(new LinkedIdentity(member, Passwords.LOGIN_PROVIDER, login, clock.instant()));
    }
    return Response.created(URI.create("/api/admin/spaces/" + slug + "/members/" + member.id()))
        .entity(view(member))
        .build();
  }

  /**
   * {@code ?uid=} finds the member linked to that id (a CRM id sent by URI Auth, unless {@code
   * provider} says otherwise). {@code ?q=} searches the space's members instead ({@link
   * MemberSearch}), a page at a time: the answer links to the next page ({@code Link: <...>;
   * rel="next"}). One of the two is required.
   */
  @GET
  public Response find(
      @QueryParam("uid") String uid,
      @QueryParam("provider") String provider,
      @QueryParam("q") String q,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @Context UriInfo uriInfo) {
    var space = scope.space(slug);
    if (q != null) {
      if (uid != null || provider != null) {
        throw new GatewayProblem(
            ProblemType.ADMIN_INVALID, "q: searches alone; uid and provider look up one member");
      }
      return search(space, q, limit, after, uriInfo);
    }
    if (limit != null || after != null) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "limit, after: only with q");
    }
    // A lookup stores nothing: a uid longer than any linked id (255) simply finds no one.
    if (uid == null || uid.isBlank()) {
      throw new GatewayProblem(ProblemType.ADMIN_INVALID, "uid: required (or q to search)");
    }
    return Response.ok(
            admission
                .linked(space, provider == null ? uidProvider : provider, uid)
                .map(this::view)
                .stream()
                .toList())
        .build();
  }

  private Response search(Space space, String q, String limit, String after, UriInfo uriInfo) {
    if (q.length() > MAX_QUERY) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "q: at most " + MAX_QUERY + " characters");
    }
    var words = SearchTerms.words(q);
    if (words.size() > MemberSearch.MAX_WORDS) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "q: at most " + MemberSearch.MAX_WORDS + " words");
    }
    var cursor = after == null ? Optional.<PageCursor>empty() : PageCursor.parse(after);
    if (after != null && cursor.isEmpty()) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "after: the value of a next link, unchanged");
    }
    var page = search.find(space, words, cursor, pageSize(limit));
    return PageCursor.page(
        page.members().stream().map(MemberSummary::of).toList(), page.next(), uriInfo);
  }

  /** Read as text: JAX-RS answers a parameter that does not convert with a bare 404. */
  private static int pageSize(String limit) {
    if (limit == null) {
      return DEFAULT_PAGE;
    }
    if (!limit.matches("[0-9]{1,3}")
        || Integer.parseInt(limit) < 1
        || Integer.parseInt(limit) > MAX_PAGE) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "limit: a whole number from 1 to " + MAX_PAGE);
    }
    return Integer.parseInt(limit);
  }

  @GET
  @Path("{memberId}")
  public MemberView get(@PathParam("memberId") String memberId) {
    return view(member(memberId));
  }

  /**
   * The status, and in the same transaction what follows from it: the sessions observer ends every
   * session of a member whose new status refuses sign-in (and of one leaving such a status).
   */
  @PUT
  @Path("{memberId}/status")
  public MemberView changeStatus(@PathParam("memberId") String memberId, StatusRequest request) {
    var member = member(memberId);
    if (request == null || request.status() == null) {
      throw new GatewayProblem(
          ProblemType.ADMIN_INVALID, "status: one of " + List.of(MemberStatus.values()));
    }
    var change = member.changeStatus(request.status());
    history.changed(change, StatusChangeRecord.Cause.ADMIN, scope.subject());
    statusChanges.fire(change);
    return view(member);
  }

  private Member member(String memberId) {
    return members.inSpace(scope.space(slug), memberId);
  }

  private MemberView view(Member member) {
    var identities =
        em.createNamedQuery(LinkedIdentity.OF_MEMBER, LinkedIdentity.class)
            .setParameter("member", member)
            .getResultStream()
            .map(l -> new IdentityView(l.provider(), l.externalId(), l.createdAt()))
            .toList();
    var joins =
        em.createNamedQuery(EventJoin.OF_MEMBER, EventJoin.class)
            .setParameter("member", member)
            .getResultStream()
            .map(j -> new JoinView(j.event().id(), j.event().title(), j.joinedAt()))
            .toList();
    var profile = member.profile();
    var groups = member.groups().stream().map(g -> new GroupView(g.id(), g.name())).toList();
    var statusChanges =
        history.of(member).stream()
            .map(
                c ->
                    new StatusChangeView(
                        c.changedAt(),
                        c.from().orElse(null),
                        c.to(),
                        c.cause(),
                        c.by().orElse(null)))
            .toList();
    return new MemberView(
        member.id(),
        profile.username(),
        profile.nickname(),
        profile.givenName(),
        profile.familyName(),
        profile.email(),
        member.emailVerified(),
        profile.title(),
        profile.avatarUrl(),
        profile.language(),
        profile.timeZone(),
        member.status(),
        member.guest(),
        member.passwordHash().isPresent(),
        member.createdAt(),
        member.lastSignInAt().orElse(null),
        identities,
        joins,
        groups,
        member.properties(),
        member.domains(),
        statusChanges);
  }

  public record NewMember(
      String givenName, String familyName, String email, String password, MemberStatus status) {}

  public record StatusRequest(MemberStatus status) {}

  public record GroupView(String id, String name) {}

  public record IdentityView(String provider, String externalId, Instant linkedAt) {}

  public record JoinView(String eventId, String title, Instant joinedAt) {}

  public record MemberView(
      String id,
      String username,
      String nickname,
      String givenName,
      String familyName,
      String email,
      boolean emailVerified,
      String title,
      String avatarUrl,
      String language,
      String timeZone,
      MemberStatus status,
      boolean guest,
      boolean hasPassword,
      Instant createdAt,
      Instant lastSignInAt,
      List<IdentityView> identities,
      List<JoinView> events,
      List<GroupView> groups,
      Map<String, String> properties,
      Map<String, String> domains,
      List<StatusChangeView> statusChanges) {}

  /**
   * @param from null for the status the member was created with
   * @param by the administrator (their token's name) or the door of the sign-in
   */
  public record StatusChangeView(
      Instant at, MemberStatus from, MemberStatus to, StatusChangeRecord.Cause cause, String by) {}

  /** A member as a search lists them; the member's own address has the rest. */
  public record MemberSummary(
      String id,
      String username,
      String nickname,
      String givenName,
      String familyName,
      String email,
      MemberStatus status,
      boolean guest,
      Instant createdAt,
      Instant lastSignInAt) {
    static MemberSummary of(Member member) {
      var profile = member.profile();
      return new MemberSummary(
          member.id(),
          profile.username(),
          profile.nickname(),
          profile.givenName(),
          profile.familyName(),
          profile.email(),
          member.status(),
          member.guest(),
          member.createdAt(),
          member.lastSignInAt().orElse(null));
    }
  }
}
