package dev.foyer.federation.boundary;

import dev.foyer.doors.AssertedProfile;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.members.control.Usernames;
import dev.foyer.members.entity.AdmissionPolicy;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.ConflictField;
import dev.foyer.members.entity.GroupSync;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.members.entity.ProfileField;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.problems.Refused;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.signin.entity.Destination;
import dev.foyer.signin.entity.FlowState;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.web.Html;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pac4j.core.profile.CommonProfile;
import org.pac4j.core.profile.UserProfile;

/**
 * Seed 002's "let users change their name / email if there is a conflict": the sign-in the conflict
 * stopped is held server-side (a flow of its own, single use, expiring like the others), the person
 * is asked for another value, and the same asserted identity goes through the pipeline again with
 * the chosen value in place of the provider's.
 */
@ApplicationScoped
public class ConflictChoices {
  static final String DOOR = "federation-choice";

  /** Choices a person may make for one sign-in before it must start again. */
  static final int MAX_ATTEMPTS = 5;

  /** The request attribute naming a refused choice whose page is shown again. */
  static final String RETRY = ConflictChoices.class.getName() + ".retry";

  private static final String ATTEMPT = "attempt";

  @Inject FlowStates flows;
  @Inject Spaces spaces;
  @Inject Usernames usernames;
  @Inject Event<Refused> refusals;

  /**
   * What the person sent: the held sign-in (its cookie), the value they chose, and whether they
   * read pages (a refused value then shows the page again rather than ending the sign-in), and
   * whether another site's page sent it ({@link dev.foyer.web.Origins#foreign}).
   */
  record Choice(String flowId, String value, boolean page, boolean foreign) {}

  /**
   * A refused value, the sign-in held again under a new id for another try: what the page shows.
   */
  record Retry(
      String heldId,
      String spaceName,
      ConflictField field,
      String taken,
      String typed,
      GatewayProblem problem) {}

  /** Holds the stopped sign-in; returns the id its cookie keeps. */
  String hold(AssertedProfile stopped, ConflictField field) {
    var identity = stopped.identity();
    var space = spaces.bySlug(identity.spaceSlug()).orElseThrow();
    var started =
        flows.begin(
            space.id(),
            DOOR,
            null,
            stopped.destination().eventId().orElse(null),
            stopped.destination().path().orElse(null));
    var flow = started.flow();
    var profile = identity.profile();
    var policy = identity.policy();
    flow.put("field", field.name());
    flow.put("door", identity.door());
    flow.put("provider", identity.provider());
    flow.put("externalId", identity.externalId().orElseThrow());
    flow.put("level", identity.level().name());
    put(flow, "nickname", profile.nickname());
    put(flow, "givenName", profile.givenName());
    put(flow, "familyName", profile.familyName());
    put(flow, "email", profile.email());
    put(flow, "avatarUrl", profile.avatarUrl());
    put(flow, "username", profile.username());
    flow.put("emailVerified", String.valueOf(policy.emailVerified()));
    flow.put(
        "forceSync",
        policy.forceSync().stream().map(ProfileField::name).collect(Collectors.joining(",")));
    // The provider's groups are synced when the sign-in goes on: they wait with it.
    identity
        .changes()
        .groupSync()
        .ifPresent(
            sync -> {
              flow.put("groupsSource", sync.source());
              for (var i = 0; i < sync.values().size(); i++) {
                flow.put("group." + i, sync.values().get(i));
              }
            });
    flows.save(flow);
    return started.id();
  }

  /** Holds it when it fits in a flow; a profile too large to hold cannot be continued. */
  Optional<String> tryHold(AssertedProfile stopped, ConflictField field) {
    try {
      return Optional.of(hold(stopped, field));
    } catch (IllegalStateException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * The held sign-in with the chosen value, checked. The held flow is used up either way; a value
   * refused ({@code CNF3}-{@code CNF6}) holds the sign-in again under a new id, up to {@link
   * #MAX_ATTEMPTS} tries, and leaves a {@link Retry} in the request for the page.
   */
  UserProfile resume(HttpServletRequest request, Choice choice) {
    if (choice.foreign()) {
      // Before the held sign-in is taken: another site can neither choose for the person nor use
      // up their hold. SameSite=Lax already keeps the cookie from cross-site posts; this also
      // stops a sibling site (same site, other origin) and browsers without SameSite.
      throw new GatewayProblem(
          FederationProblem.CHOICE_FOREIGN,
          "The choice must be sent from Foyer's own page. Start again from the space's page.");
    }
    var flow =
        FederationFlows.take(
            flows,
            choice.flowId(),
            Set.of(DOOR),
            "This sign-in is no longer waiting for a choice (it expired or was finished). Start"
                + " again from the space's page.");
    var space =
        spaces
            .byId(flow.spaceId())
            .orElseThrow(
                () -> new GatewayProblem(ProblemType.ACCOUNT_UNKNOWN, "The space is gone."));
    // The held sign-in names its space: refusals from here on are recorded for it.
    DoorAttempt.account(request, space.slug());
    flow.value("provider").ifPresent(alias -> DoorAttempt.provider(request, alias));
    var field = ConflictField.valueOf(flow.value("field").orElseThrow());
    var profile =
        Member.Profile.named(value(flow, "nickname"), value(flow, "givenName"))
            .withFamilyName(value(flow, "familyName"))
            .withEmail(value(flow, "email"))
            .withAvatarUrl(value(flow, "avatarUrl"))
            .withUsername(value(flow, "username"));
    var forceSync = EnumSet.noneOf(ProfileField.class);
    Arrays.stream(flow.value("forceSync").orElse("").split(","))
        .filter(name -> !name.isEmpty())
        .map(ProfileField::valueOf)
        .forEach(forceSync::add);
    var emailVerified = Boolean.parseBoolean(value(flow, "emailVerified"));
    var identity =
        new AssertedIdentity(
            space.slug(),
            value(flow, "door"),
            value(flow, "provider"),
            Optional.of(value(flow, "externalId")),
            AdmissionLevel.valueOf(value(flow, "level")),
            profile,
            flow.value("groupsSource")
                .map(source -> MemberChanges.synced(new GroupSync(source, groupValues(flow))))
                .orElse(MemberChanges.NONE),
            new AdmissionPolicy(emailVerified, true, forceSync, false, true));
    AssertedIdentity chosen;
    try {
      chosen =
          field == ConflictField.USERNAME
              ? withProfile(
                  identity,
                  profile.withUsername(usernames.chosen(space, identity, choice.value())),
                  emailVerified)
              // The provider did not vouch for an address the person typed.
              : withProfile(
                  identity, profile.withEmail(Usernames.chosenEmail(choice.value())), false);
    } catch (GatewayProblem refused) {
      var attempt = Integer.parseInt(flow.value(ATTEMPT).orElse("1"));
      if (!choice.page() || attempt >= MAX_ATTEMPTS) {
        throw attempt >= MAX_ATTEMPTS
            ? new GatewayProblem(
                refused.type(),
                refused.getMessage()
                    + " That was the last of "
                    + MAX_ATTEMPTS
                    + " tries: start again from the space's page.")
            : refused;
      }
      // Recorded like any refusal at a door, though the person may still finish.
      refusals.fire(new Refused(refused, request));
      var again =
          flows.begin(
              space.id(), DOOR, null, flow.eventId().orElse(null), flow.returnPath().orElse(null));
      flow.values().forEach(again.flow()::put);
      // Tries do not lengthen the hold: the sign-in still ends when the first one would have.
      again.flow().expireBy(flow.expiresAt());
      again.flow().put(ATTEMPT, String.valueOf(attempt + 1));
      flows.save(again.flow());
      request.setAttribute(
          RETRY,
          new Retry(
              again.id(),
              space.name(),
              field,
              field == ConflictField.USERNAME ? profile.username() : profile.email(),
              choice.value(),
              refused));
      var placeholder = new CommonProfile();
      placeholder.setId(DOOR);
      return placeholder;
    }
    return new AssertedProfile(chosen, new Destination(flow.eventId(), flow.returnPath()));
  }

  /** The page asking for another value, posting to the choice endpoint. */
  static String page(String spaceName, ConflictField field, String taken) {
    return page(spaceName, field, taken, null, null);
  }

  /** The page again after a refused value: the reason, and the value typed, to correct. */
  static String page(Retry retry) {
    return page(retry.spaceName(), retry.field(), retry.taken(), retry.typed(), retry.problem());
  }

  private static String page(
      String spaceName, ConflictField field, String taken, String typed, GatewayProblem refused) {
    var what = field == ConflictField.USERNAME ? "username" : "email address";
    var error =
        refused == null
            ? ""
            : "<p class=\"error\" id=\"value-error\" role=\"alert\">%s <span class=\"code\">(%s)</span></p>\n"
                .formatted(Html.escape(refused.getMessage()), refused.type().code());
    var shown =
        typed == null
            ? ""
            : " value=\""
                + Html.escape(typed.length() > 255 ? typed.substring(0, 255) : typed)
                + "\" aria-invalid=\"true\" aria-describedby=\"value-error\"";
    return Html.page(
        "Choose another " + what,
        """
        <h1>Choose another %s</h1>
        <p class="conflict">Another member of %s already has the %s <strong>%s</strong>. Choose another one to finish signing in.</p>
        %s<form method="post" action="%s">
        <p><label for="value">Your %s</label>
        <input id="value" name="value" type="%s" required maxlength="%d" autocomplete="%s"%s></p>
        <p><button type="submit">Continue</button></p>
        </form>
        """
            .formatted(
                what,
                Html.escape(spaceName),
                what,
                Html.escape(taken),
                error,
                FederationDoor.CHOICE,
                what,
                field == ConflictField.USERNAME ? "text" : "email",
                field == ConflictField.USERNAME ? 64 : 255,
                field == ConflictField.USERNAME ? "username" : "email",
                shown));
  }

  private static AssertedIdentity withProfile(
      AssertedIdentity identity, Member.Profile profile, boolean emailVerified) {
    var policy = identity.policy();
    return new AssertedIdentity(
        identity.spaceSlug(),
        identity.door(),
        identity.provider(),
        identity.externalId(),
        identity.level(),
        profile,
        identity.changes(),
        new AdmissionPolicy(
            emailVerified,
            policy.linkByEmail(),
            policy.forceSync(),
            policy.newMemberOnEmailChange(),
            policy.resolvesConflicts()));
  }

  private static List<String> groupValues(FlowState flow) {
    var values = new ArrayList<String>();
    for (var i = 0; flow.value("group." + i).isPresent(); i++) {
      values.add(flow.value("group." + i).get());
    }
    return values;
  }

  private static void put(FlowState flow, String key, String value) {
    if (value != null) {
      flow.put(key, value);
    }
  }

  private static String value(FlowState flow, String key) {
    return flow.value(key).orElse(null);
  }
}
