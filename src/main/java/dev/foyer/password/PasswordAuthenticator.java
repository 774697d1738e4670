package dev.foyer.password;

import dev.foyer.doors.AssertedProfile;
import dev.foyer.members.control.Admission;
import dev.foyer.members.control.Passwords;
import dev.foyer.members.entity.AdmissionPolicy;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.members.entity.ProfileField;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.entity.Destination;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.AdmissionLevel;
import dev.foyer.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;

/**
 * Email and password, for members an administrator created with a password (seeds 001/003: they
 * keep it when SSO is switched on). A wrong email and a wrong password look the same, and cost the
 * same time.
 */
@ApplicationScoped
public class PasswordAuthenticator {
  @Inject Spaces spaces;
  @Inject Admission admission;
  @Inject Passwords passwords;
  @Inject PasswordThrottle throttle;

  AssertedProfile authenticate(Login login) {
    if (login.account() == null || login.account().isBlank()) {
      throw new GatewayProblem(
          ProblemType.ACCOUNT_MISSING, "Say which account to sign in to with the account field.");
    }
    var space =
        spaces
            .bySlug(login.account())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that."));
    var email = login.email() == null ? "" : login.email().strip().toLowerCase(Locale.ROOT);
    // Charged before the lookup, for any email: an unknown one is throttled like a known one.
    throttle.charge(space, email, login.from());
    var member = admission.linked(space, Passwords.LOGIN_PROVIDER, email);
    if (!passwords.verify(
        member.flatMap(m -> m.passwordHash()), login.password() == null ? "" : login.password())) {
      throw new GatewayProblem(
          PasswordProblem.PASSWORD_REFUSED, "The email or the password is wrong.");
    }
    throttle.succeeded(space, email, login.from());
    // A member with a password has given an email: admitted where an event allows nickname and
    // email.
    var identity =
        new AssertedIdentity(
            space.slug(),
            Passwords.LOGIN_PROVIDER,
            Passwords.LOGIN_PROVIDER,
            Optional.of(email),
            AdmissionLevel.NICKNAME_EMAIL,
            member.get().profile(),
            MemberChanges.NONE,
            new AdmissionPolicy(true, false, EnumSet.noneOf(ProfileField.class), false, false));
    return new AssertedProfile(identity, Destination.HOME);
  }

  /** The form's fields and where they came from; toString leaves out the credentials. */
  record Login(String account, String email, String password, ClientAddress from) {
    @Override
    public String toString() {
      return "Login[account=" + account + "]";
    }
  }
}
