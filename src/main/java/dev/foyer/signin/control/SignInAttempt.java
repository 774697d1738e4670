package dev.foyer.signin.control;

import dev.foyer.members.control.Admission;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.EventJoin;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.control.SessionIssuer;
import dev.foyer.signin.entity.Destination;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Event;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** One sign-in as one transaction: all of it is written, or (on any refusal) none of it. */
@ApplicationScoped
public class SignInAttempt {
  @PersistenceContext EntityManager em;
  @Inject Spaces spaces;
  @Inject Admission admission;
  @Inject SessionIssuer issuer;
  @Inject LoginRecords records;
  @Inject Clock clock;
  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * The sign-in in a transaction marked for rollback: its outcome, and nothing written. Marked at
   * the end, not the start: WildFly's connection pool hands out no connection in a transaction
   * already marked (IJ000459), Payara's does.
   */
  @Transactional
  public SignIn.Preview preview(AssertedIdentity identity, Destination destination) {
    try {
      return previewed(identity, destination);
    } finally {
      transactions.setRollbackOnly();
    }
  }

  private SignIn.Preview previewed(AssertedIdentity identity, Destination destination) {
    var before = clock.instant();
    try {
      var admitted = signIn(identity, destination).admitted();
      var member = admitted.member();
      var created = !member.createdAt().isBefore(before);
      return new SignIn.Preview(
          Optional.of(member.id()),
          created,
          Optional.empty(),
          admitted.groupsJoined(),
          admitted.groupsLeft());
    } catch (GatewayProblem refusal) {
      return new SignIn.Preview(
          Optional.empty(), false, Optional.of(refusal), List.of(), List.of());
    }
  }

  @Transactional
  public SignIn.Result run(AssertedIdentity identity, Destination destination) {
    return signIn(identity, destination).result();
  }

  private record Done(SignIn.Result result, Admission.Admitted admitted) {}

  private Done signIn(AssertedIdentity identity, Destination destination) {
    var space =
        spaces
            .bySlug(identity.spaceSlug())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that."));
    Optional<Event> event =
        destination
            .eventId()
            .map(
                id -> {
                  // An event of another space with the same id is no business of this one's.
                  var found =
                      spaces
                          .event(space, id)
                          .orElseThrow(
                              () ->
                                  new GatewayProblem(
                                      ProblemType.EVENT_UNKNOWN,
                                      "This account has no event with that id."));
                  if (!found.admits(identity.level())) {
                    throw new GatewayProblem(
                        ProblemType.EVENT_LEVEL_NOT_ADMITTED,
                        "The event \""
                            + found.title()
                            + "\" does not admit participants signed in this way.");
                  }
                  return found;
                });
    var admitted = admission.admit(space, identity);
    var member = admitted.member();
    var session =
        issuer.issue(
            member, identity.door(), identity.level(), identity.provider(), identity.upstream());
    event.ifPresent(joined -> em.persist(new EventJoin(member, joined, clock.instant())));
    records.accepted(
        identity.door(),
        space.slug(),
        identity.provider(),
        member.id(),
        event.map(Event::id).orElse(null));
    URI target =
        event
            .map(Spaces::eventPage)
            .or(() -> destination.path().flatMap(path -> spaces.inside(space, path)))
            .orElseGet(() -> Spaces.landing(space));
    return new Done(
        new SignIn.Result(
            member.id(), member.nickname(), member.profile(), member.guest(), session, target),
        admitted);
  }
}
