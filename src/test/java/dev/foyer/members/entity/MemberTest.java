package dev.foyer.members.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.members.entity.Member.Profile;
import dev.foyer.spaces.entity.Space;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a door's statement of a profile does to a member, field by field. */
class MemberTest {
  static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  static final Space SPACE = new Space("demo", "Demo Space", NOW.minusSeconds(86_400));
  static final Profile ADA =
      new Profile(
          "ada",
          "Ada",
          "Lovelace",
          "ada@example.com",
          "Analyst",
          "https://cdn.example.com/ada.png",
          "en",
          "Europe/London",
          "ada.lovelace");
  static final Profile AUGUSTA =
      new Profile(
          "augusta",
          "Augusta",
          "King",
          "augusta@example.org",
          "Countess",
          "https://cdn.example.com/augusta.png",
          "fr",
          "Europe/Paris",
          "Augusta.King");

  @Test
  void newMemberTakesTheWholeProfile() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    assertThat(member.profile()).isEqualTo(ADA);
    assertThat(member.space()).isSameAs(SPACE);
    assertThat(member.status()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(member.guest()).isFalse();
    assertThat(member.createdAt()).isEqualTo(NOW);
    assertThat(member.lastSignInAt()).isEmpty();
    assertThat(member.id()).isNotBlank();
  }

  @Test
  void newMemberHasAnEmailVerifiedOnlyWhenTheDoorVouchesForIt() {
    assertThat(new Member(SPACE, ADA, false, true, NOW).emailVerified()).isTrue();
    assertThat(new Member(SPACE, ADA, false, false, NOW).emailVerified()).isFalse();
  }

  @Test
  void newMemberWithoutEmailIsNeverVerified() {
    var member = new Member(SPACE, withEmail(ADA, null), true, true, NOW);

    assertThat(member.email()).isEmpty();
    assertThat(member.emailVerified()).isFalse();
  }

  @Test
  void updateWithNoFieldsChangesNothing() {
    var member = new Member(SPACE, ADA, false, false, NOW);

    member.update(AUGUSTA, Set.of(), true);

    assertThat(member.profile()).isEqualTo(ADA);
    assertThat(member.emailVerified()).isFalse();
  }

  @Test
  void updateWithEveryFieldTakesTheWholeProfile() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, EnumSet.allOf(ProfileField.class), true);

    assertThat(member.profile()).isEqualTo(AUGUSTA);
    assertThat(member.emailVerified()).isTrue();
  }

  @Test
  void namesReplaceGivenFamilyAndNicknameOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.NAMES), false);

    assertThat(member.profile())
        .isEqualTo(
            new Profile(
                "augusta",
                "Augusta",
                "King",
                ADA.email(),
                ADA.title(),
                ADA.avatarUrl(),
                ADA.language(),
                ADA.timeZone(),
                ADA.username()));
    assertThat(member.emailVerified()).isTrue();
  }

  @Test
  void emailReplacesTheEmailOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.EMAIL), true);

    assertThat(member.profile()).isEqualTo(withEmail(ADA, "augusta@example.org"));
  }

  @Test
  void usernameReplacesTheUsernameOnlyAndKeysItIgnoringCase() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.USERNAME), false);

    assertThat(member.profile()).isEqualTo(ADA.withUsername("Augusta.King"));
    assertThat(Member.usernameKey("Augusta.King")).isEqualTo("augusta.king");
  }

  @Test
  void aUsernameKeyIgnoresCaseAndComposition() {
    assertThat(Member.usernameKey("ZOE\u0308")).isEqualTo(Member.usernameKey("zo\u00eb"));
    assertThat(Member.usernameKey(null)).isNull();
  }

  @Test
  void aConflictReplacesTheUsernameOrRemovesTheEmailOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.replaceUsername("user-abcdefghij");
    member.removeEmail();

    assertThat(member.profile()).isEqualTo(withEmail(ADA, null).withUsername("user-abcdefghij"));
    assertThat(member.emailVerified()).isFalse();
  }

  @Test
  void aMemberChangesTheirNicknameOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.changeNickname("Countess");

    assertThat(member.profile().nickname()).isEqualTo("Countess");
    assertThat(member.profile().givenName()).isEqualTo("Ada");
  }

  @Test
  void titleReplacesTheTitleOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.TITLE), false);

    assertThat(member.profile())
        .isEqualTo(
            new Profile(
                ADA.nickname(),
                ADA.givenName(),
                ADA.familyName(),
                ADA.email(),
                "Countess",
                ADA.avatarUrl(),
                ADA.language(),
                ADA.timeZone(),
                ADA.username()));
  }

  @Test
  void avatarReplacesTheAvatarOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.AVATAR), false);

    assertThat(member.profile())
        .isEqualTo(
            new Profile(
                ADA.nickname(),
                ADA.givenName(),
                ADA.familyName(),
                ADA.email(),
                ADA.title(),
                "https://cdn.example.com/augusta.png",
                ADA.language(),
                ADA.timeZone(),
                ADA.username()));
  }

  @Test
  void languageReplacesTheLanguageOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.LANGUAGE), false);

    assertThat(member.profile())
        .isEqualTo(
            new Profile(
                ADA.nickname(),
                ADA.givenName(),
                ADA.familyName(),
                ADA.email(),
                ADA.title(),
                ADA.avatarUrl(),
                "fr",
                ADA.timeZone(),
                ADA.username()));
  }

  @Test
  void timeZoneReplacesTheTimeZoneOnly() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.TIME_ZONE), false);

    assertThat(member.profile())
        .isEqualTo(
            new Profile(
                ADA.nickname(),
                ADA.givenName(),
                ADA.familyName(),
                ADA.email(),
                ADA.title(),
                ADA.avatarUrl(),
                ADA.language(),
                "Europe/Paris",
                ADA.username()));
  }

  @Test
  void syncedFieldsTakeAbsentValuesToo() {
    var member = new Member(SPACE, ADA, false, true, NOW);
    var bare = Profile.named("ada", "Ada").withEmail(ADA.email());

    member.update(
        bare,
        EnumSet.of(
            ProfileField.NAMES,
            ProfileField.USERNAME,
            ProfileField.TITLE,
            ProfileField.AVATAR,
            ProfileField.LANGUAGE,
            ProfileField.TIME_ZONE),
        true);

    assertThat(member.familyName()).isEmpty();
    assertThat(member.profile()).isEqualTo(bare);
  }

  @Test
  void changedEmailThatTheDoorVouchesForIsVerified() {
    var member = new Member(SPACE, ADA, false, false, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.EMAIL), true);

    assertThat(member.email()).contains("augusta@example.org");
    assertThat(member.emailVerified()).isTrue();
  }

  @Test
  void changedEmailThatTheDoorDoesNotVouchForLosesVerification() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, Set.of(ProfileField.EMAIL), false);

    assertThat(member.email()).contains("augusta@example.org");
    assertThat(member.emailVerified()).isFalse();
  }

  @Test
  void sameEmailNowVouchedForBecomesVerified() {
    var member = new Member(SPACE, ADA, false, false, NOW);

    member.update(ADA, Set.of(ProfileField.EMAIL), true);

    assertThat(member.emailVerified()).isTrue();
  }

  @Test
  void sameEmailNotVouchedForKeepsItsVerification() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(ADA, Set.of(ProfileField.EMAIL), false);

    assertThat(member.emailVerified()).isTrue();
  }

  @Test
  void removedEmailIsNoLongerVerified() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(withEmail(ADA, null), Set.of(ProfileField.EMAIL), true);

    assertThat(member.email()).isEmpty();
    assertThat(member.emailVerified()).isFalse();
  }

  @Test
  void emailNotSyncedKeepsEmailAndVerificationWhateverTheDoorSays() {
    var member = new Member(SPACE, ADA, false, false, NOW);

    member.update(AUGUSTA, EnumSet.complementOf(EnumSet.of(ProfileField.EMAIL)), true);

    assertThat(member.email()).contains("ada@example.com");
    assertThat(member.emailVerified()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = MemberStatus.class,
      names = {"INVITED", "PENDING", "ACTIVE", "DECLINED", "LEFT"})
  void signInMakesAnAdmittableMemberActive(MemberStatus status) {
    var member = new Member(SPACE, ADA, false, true, NOW);
    member.changeStatus(status);

    member.signedIn(NOW.plusSeconds(60));

    assertThat(member.mayNotSignIn()).isFalse();
    assertThat(member.status()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(member.lastSignInAt()).contains(NOW.plusSeconds(60));
  }

  @ParameterizedTest
  @EnumSource(
      value = MemberStatus.class,
      names = {"REJECTED", "DEACTIVATED"})
  void deactivatedAndRejectedMembersMayNotSignInAndKeepTheirStatus(MemberStatus status) {
    var member = new Member(SPACE, ADA, false, true, NOW);
    member.changeStatus(status);

    assertThat(member.mayNotSignIn()).isTrue();
    member.signedIn(NOW.plusSeconds(60));
    assertThat(member.status()).isEqualTo(status);
  }

  @Test
  void aNewMemberIsFoundByTheTermsOfItsProfile() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    assertThat(member.searchTerms())
        .contains("ada", "lovelace", "ada.lovelace", "ada@example.com", "example")
        .doesNotContain("analyst", "en");
  }

  @Test
  void changedNamesUsernameOrEmailChangeTheTerms() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.update(AUGUSTA, EnumSet.allOf(ProfileField.class), true);

    assertThat(member.searchTerms()).isEqualTo(SearchTerms.of(AUGUSTA));
    assertThat(member.searchTerms()).doesNotContain("ada", "lovelace");
  }

  @Test
  void aRemovedEmailAReplacedUsernameAndAChosenNicknameLeaveTheTerms() {
    var member = new Member(SPACE, ADA, false, true, NOW);

    member.removeEmail();
    member.replaceUsername("user-0123456789");
    member.changeNickname("Countess");

    assertThat(member.searchTerms())
        .contains("user-0123456789", "countess", "ada", "lovelace")
        .doesNotContain("ada@example.com", "example", "ada.lovelace");
  }

  @Test
  void aSignInTellsTheStatusChangeItMadeAndOnlyThat() {
    var member = new Member(SPACE, ADA, false, true, NOW);
    member.changeStatus(MemberStatus.INVITED);

    var first = member.signedIn(NOW.plusSeconds(60));
    var second = member.signedIn(NOW.plusSeconds(120));

    assertThat(first).isPresent();
    assertThat(first.get().from()).isEqualTo(MemberStatus.INVITED);
    assertThat(first.get().to()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(second).isEmpty();
  }

  private static Profile withEmail(Profile profile, String email) {
    return new Profile(
        profile.nickname(),
        profile.givenName(),
        profile.familyName(),
        email,
        profile.title(),
        profile.avatarUrl(),
        profile.language(),
        profile.timeZone(),
        profile.username());
  }
}
