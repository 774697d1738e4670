package dev.foyer.members.control;

import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.ConflictField;
import dev.foyer.members.entity.GroupSource;
import dev.foyer.members.entity.GroupSync;
import dev.foyer.members.entity.LinkedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.members.entity.MemberStatus;
import dev.foyer.members.entity.ProfileField;
import dev.foyer.members.entity.SignInConflict;
import dev.foyer.members.entity.StatusChangeRecord;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who an asserted identity is in a space: the member its linked identity points to; else, when the
 * policy allows it, the member holding the same verified email (and the identity gets linked to
 * them); else a new member. Then the status rules of {@link MemberStatus} apply, and the door's
 * membership changes (groups, properties, domains; a provider's group sync). Where the identity's
 * policy resolves conflicts, a username or email another member holds is settled by {@link
 * ConflictRules} before anything of the sign-in is written.
 */
@ApplicationScoped
public class Admission {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject Usernames usernames;
  @Inject StatusHistory history;

  private static final Set<ProfileField> ALL = EnumSet.allOf(ProfileField.class);

  /**
   * The member admitted, and the groups this sign-in made them join and leave (by any of the door's
   * changes), sorted by name.
   */
  public record Admitted(
      Member member, List<SpaceGroup> groupsJoined, List<SpaceGroup> groupsLeft) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public Admitted admit(Space space, AssertedIdentity identity) {
    var member =
        identity
            .externalId()
            .map(externalId -> linkedMember(space, identity, externalId))
            .orElseGet(
                () -> {
                  settleConflicts(space, identity, null, ALL);
                  return persist(
                      new Member(
                          space,
                          identity.profile(),
                          true,
                          identity.policy().emailVerified(),
                          clock.instant()));
                });
    if (member.mayNotSignIn()) {
      throw new GatewayProblem(
          member.status() == MemberStatus.REJECTED
              ? ProblemType.MEMBER_REJECTED
              : ProblemType.MEMBER_DEACTIVATED,
          "Your membership of this space does not allow signing in. Ask the space's administrators.");
    }
    member
        .signedIn(clock.instant())
        .ifPresent(
            change -> history.changed(change, StatusChangeRecord.Cause.SIGN_IN, identity.door()));
    var before = member.groups();
    apply(space, member, identity.changes());
    var after = member.groups();
    return new Admitted(
        member,
        after.stream().filter(group -> !before.contains(group)).toList(),
        before.stream().filter(group -> !after.contains(group)).toList());
  }

  private Member linkedMember(Space space, AssertedIdentity identity, String externalId) {
    var policy = identity.policy();
    var link = link(space, identity.provider(), externalId);
    var emailChanged =
        link.isPresent()
            && !Objects.equals(
                link.get().member().email().orElse(null), identity.profile().email());
    if (link.isPresent() && !(policy.newMemberOnEmailChange() && emailChanged)) {
      var member = link.get().member();
      settleConflicts(space, identity, member, policy.forceSync());
      member.update(identity.profile(), policy.forceSync(), policy.emailVerified());
      return member;
    }
    var byEmail =
        policy.linkByEmail() && policy.emailVerified()
            ? byEmail(space, identity.profile().email())
            : Optional.<Member>empty();
    byEmail.ifPresent(
        found -> {
          settleConflicts(space, identity, found, policy.forceSync());
          found.update(identity.profile(), policy.forceSync(), policy.emailVerified());
        });
    var member =
        byEmail.orElseGet(
            () -> {
              settleConflicts(space, identity, null, ALL);
              return persist(
                  new Member(
                      space, identity.profile(), false, policy.emailVerified(), clock.instant()));
            });
    if (link.isPresent()) {
      link.get().relinkTo(member);
    } else {
      em.persist(new LinkedIdentity(member, identity.provider(), externalId, clock.instant()));
    }
    // Surface a concurrent first sign-in of the same person here, where SignIn retries it.
    em.flush();
    return member;
  }

  /**
   * Seed 002's conflict rules, for the fields this sign-in writes ({@code fields}) to {@code
   * member} (null: a member about to be created): refuses ({@link SignInConflict}) or takes the
   * values from their holders, flushed before the new holder's row so the unique username key never
   * sees two.
   */
  private void settleConflicts(
      Space space, AssertedIdentity identity, Member member, Set<ProfileField> fields) {
    if (!identity.policy().resolvesConflicts()) {
      return;
    }
    var profile = identity.profile();
    var username = fields.contains(ProfileField.USERNAME) ? profile.username() : null;
    var email = fields.contains(ProfileField.EMAIL) ? profile.email() : null;
    var holders = new ArrayList<Member>();
    if (username != null && !username.isBlank()) {
      usernames.holder(space, username).ifPresent(holders::add);
    }
    if (email != null && !email.isBlank()) {
      var claimVerified = identity.policy().emailVerified();
      var emailHolders = new ArrayList<Member>();
      for (var holder :
          em.createNamedQuery(Member.HOLDING_EMAIL, Member.class)
              .setParameter("space", space)
              .setParameter("email", Member.emailKey(email))
              .getResultList()) {
        if (member != null && holder.id().equals(member.id())) {
          continue;
        }
        if (claimVerified && !holder.emailVerified()) {
          // A verified address displaces an unverified claim to it, whatever the space's options.
          holder.removeEmail();
        } else {
          emailHolders.add(holder);
        }
      }
      if (!claimVerified && emailHolders.stream().anyMatch(Member::emailVerified)) {
        // An unverified address never takes a verified holder's, even with autoResolve.
        throw refusal(
            space, identity, member, ConflictField.EMAIL, space.conflicts().changeEmail());
      }
      holders.addAll(emailHolders);
    }
    var outcome =
        ConflictRules.decide(
            space.conflicts(),
            new ConflictRules.Claim(member == null ? null : member.id(), username, email),
            holders.stream()
                .distinct()
                .map(
                    h ->
                        new ConflictRules.Holder(
                            h.id(), h.username().orElse(null), h.email().orElse(null)))
                .toList());
    if (outcome instanceof ConflictRules.Refuse refuse) {
      throw refusal(space, identity, member, refuse.field(), refuse.mayChoose());
    }
    var proceed = (ConflictRules.Proceed) outcome;
    if (proceed.clear()) {
      return;
    }
    for (var holder : holders.stream().distinct().toList()) {
      if (proceed.usernameTakenFrom().contains(holder.id())) {
        holder.replaceUsername(usernames.random(space));
      }
      if (proceed.emailTakenFrom().contains(holder.id())) {
        holder.removeEmail();
      }
    }
    em.flush();
  }

  private RuntimeException refusal(
      Space space,
      AssertedIdentity identity,
      Member member,
      ConflictField field,
      boolean mayChoose) {
    if (member == null && linkedMeanwhile(space, identity)) {
      // The holder is this very person: a concurrent first sign-in of theirs created the member
      // and linked this identity after this one looked. SignIn runs this one again, in a fresh
      // transaction, and then it finds that member instead of a conflict.
      return new EntityExistsException("a concurrent first sign-in linked this identity");
    }
    return new SignInConflict(field, mayChoose);
  }

  private boolean linkedMeanwhile(Space space, AssertedIdentity identity) {
    return identity
        .externalId()
        .flatMap(externalId -> link(space, identity.provider(), externalId))
        .isPresent();
  }

  private void apply(Space space, Member member, MemberChanges changes) {
    for (var groupId : changes.groupsJoin()) {
      var group = group(space, groupId);
      member.join(group);
      // Given by the door itself now: a provider that stops naming it no longer takes it away.
      em.createNamedQuery(GroupSource.FORGET_ALL)
          .setParameter("member", member.id())
          .setParameter("group", group.id())
          .executeUpdate();
    }
    for (var groupId : changes.groupsLeave()) {
      // The membership's source rows go with its row (ON DELETE CASCADE).
      member.leave(group(space, groupId));
    }
    changes.groupSync().ifPresent(sync -> sync(space, member, sync));
    changes
        .properties()
        .forEach(
            (name, value) -> {
              if (!space.customProperties().contains(name)) {
                throw new GatewayProblem(
                    ProblemType.PROPERTY_UNKNOWN,
                    "The space has no custom property '" + name + "'.");
              }
              member.setProperty(name, value);
            });
    changes.domainsSet().forEach(member::setDomain);
    changes.domainsUnset().forEach(member::unsetDomain);
  }

  /**
   * Makes the member's groups from this source exactly those its values match. A group the member
   * holds another way (no source row: the JWT SSO door, or from before) is left alone both ways:
   * the source neither records it nor ever removes it. A group another provider gave is shared: it
   * goes only when no provider names it any more.
   */
  private void sync(Space space, Member member, GroupSync sync) {
    var named =
        GroupMatching.match(
                em.createNamedQuery(SpaceGroup.OF_SPACE, SpaceGroup.class)
                    .setParameter("space", space)
                    .getResultList(),
                sync.values())
            .groups();
    var sources =
        em.createNamedQuery(GroupSource.OF_MEMBER, GroupSource.class)
            .setParameter("member", member.id())
            .getResultList();
    var fromThis =
        sources.stream()
            .filter(source -> source.provider().equals(sync.source()))
            .map(GroupSource::groupId)
            .collect(Collectors.toSet());
    var fromAny = sources.stream().map(GroupSource::groupId).collect(Collectors.toSet());
    var held = member.groups().stream().map(SpaceGroup::id).collect(Collectors.toSet());
    var given = new ArrayList<String>();
    for (var group : named) {
      if (fromThis.contains(group.id())) {
        continue;
      }
      if (!held.contains(group.id())) {
        member.join(group);
        given.add(group.id());
      } else if (fromAny.contains(group.id())) {
        given.add(group.id());
      }
    }
    var namedIds = named.stream().map(SpaceGroup::id).collect(Collectors.toSet());
    for (var groupId : fromThis) {
      if (namedIds.contains(groupId)) {
        continue;
      }
      em.createNamedQuery(GroupSource.FORGET)
          .setParameter("member", member.id())
          .setParameter("group", groupId)
          .setParameter("provider", sync.source())
          .executeUpdate();
      var otherSource =
          sources.stream()
              .anyMatch(
                  source ->
                      source.groupId().equals(groupId) && !source.provider().equals(sync.source()));
      if (!otherSource) {
        member.leave(em.find(SpaceGroup.class, groupId));
      }
    }
    if (!given.isEmpty()) {
      // The source row refers to the membership row, which the member's collection writes.
      em.flush();
      given.forEach(groupId -> em.persist(new GroupSource(member.id(), groupId, sync.source())));
    }
  }

  private SpaceGroup group(Space space, String id) {
    return Optional.ofNullable(id.length() > 36 ? null : em.find(SpaceGroup.class, id))
        .filter(group -> group.belongsTo(space))
        .orElseThrow(
            () ->
                new GatewayProblem(
                    ProblemType.GROUP_UNKNOWN, "The space has no group with id '" + id + "'."));
  }

  private Optional<LinkedIdentity> link(Space space, String provider, String externalId) {
    return em.createNamedQuery(LinkedIdentity.FIND, LinkedIdentity.class)
        .setParameter("space", space)
        .setParameter("provider", provider)
        .setParameter("externalId", externalId)
        .getResultStream()
        .findFirst();
  }

  public Optional<Member> linked(Space space, String provider, String externalId) {
    return link(space, provider, externalId).map(LinkedIdentity::member);
  }

  private Optional<Member> byEmail(Space space, String email) {
    if (email == null) {
      return Optional.empty();
    }
    return em.createNamedQuery(Member.BY_EMAIL, Member.class)
        .setParameter("space", space)
        .setParameter("email", Member.emailKey(email))
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private Member persist(Member member) {
    em.persist(member);
    return member;
  }
}
