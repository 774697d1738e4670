package dev.foyer.members.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.members.control.ConflictRules.Claim;
import dev.foyer.members.control.ConflictRules.Holder;
import dev.foyer.members.control.ConflictRules.Proceed;
import dev.foyer.members.control.ConflictRules.Refuse;
import dev.foyer.members.entity.ConflictField;
import dev.foyer.spaces.entity.ConflictPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictRulesTest {
  static final ConflictPolicy REFUSE = ConflictPolicy.NONE;
  static final ConflictPolicy AUTO = new ConflictPolicy(true, false, false);
  static final ConflictPolicy CHOOSE = new ConflictPolicy(false, true, true);

  static final Claim NEW_JOHN = new Claim(null, "John", "john@example.com");
  static final Holder OLD_JOHN = new Holder("m-old", "john", "old@example.com");
  static final Holder MAIL_JOHN = new Holder("m-mail", "someone", "JOHN@example.com");

  @Test
  void proceedsWhenNobodyElseHoldsEither() {
    var outcome =
        ConflictRules.decide(REFUSE, NEW_JOHN, List.of(new Holder("m-x", "jane", "x@example.com")));

    assertThat(outcome).isEqualTo(Proceed.CLEAR);
    assertThat(((Proceed) outcome).clear()).isTrue();
  }

  @Test
  void proceedsWithoutHolders() {
    assertThat(ConflictRules.decide(REFUSE, NEW_JOHN, List.of())).isEqualTo(Proceed.CLEAR);
  }

  @Test
  void refusesAUsernameHeldByAnotherMemberIgnoringCase() {
    assertThat(ConflictRules.decide(REFUSE, NEW_JOHN, List.of(OLD_JOHN)))
        .isEqualTo(new Refuse(ConflictField.USERNAME, false));
  }

  @Test
  void letsThePersonChooseAnotherUsernameWhenTheSpaceAllowsIt() {
    assertThat(
            ConflictRules.decide(
                new ConflictPolicy(false, true, false), NEW_JOHN, List.of(OLD_JOHN)))
        .isEqualTo(new Refuse(ConflictField.USERNAME, true));
  }

  @Test
  void takesTheUsernameFromItsHolderWhenResolvingAutomatically() {
    assertThat(ConflictRules.decide(AUTO, NEW_JOHN, List.of(OLD_JOHN)))
        .isEqualTo(new Proceed(List.of("m-old"), List.of()));
  }

  @Test
  void refusesAnEmailHeldByAnotherMemberIgnoringCase() {
    assertThat(ConflictRules.decide(REFUSE, NEW_JOHN, List.of(MAIL_JOHN)))
        .isEqualTo(new Refuse(ConflictField.EMAIL, false));
  }

  @Test
  void letsThePersonChooseAnotherEmailWhenTheSpaceAllowsIt() {
    assertThat(
            ConflictRules.decide(
                new ConflictPolicy(false, false, true), NEW_JOHN, List.of(MAIL_JOHN)))
        .isEqualTo(new Refuse(ConflictField.EMAIL, true));
  }

  @Test
  void takesTheEmailFromItsHolderWhenResolvingAutomatically() {
    assertThat(ConflictRules.decide(AUTO, NEW_JOHN, List.of(MAIL_JOHN)))
        .isEqualTo(new Proceed(List.of(), List.of("m-mail")));
  }

  @Test
  void refusesTheUsernameFirstWhenBothAreHeld() {
    assertThat(ConflictRules.decide(CHOOSE, NEW_JOHN, List.of(MAIL_JOHN, OLD_JOHN)))
        .isEqualTo(new Refuse(ConflictField.USERNAME, true));
    assertThat(
            ConflictRules.decide(
                new ConflictPolicy(false, false, true), NEW_JOHN, List.of(MAIL_JOHN, OLD_JOHN)))
        .isEqualTo(new Refuse(ConflictField.USERNAME, false));
  }

  @Test
  void takesBothFieldsFromTheirHoldersWhenResolvingAutomatically() {
    assertThat(ConflictRules.decide(AUTO, NEW_JOHN, List.of(OLD_JOHN, MAIL_JOHN)))
        .isEqualTo(new Proceed(List.of("m-old"), List.of("m-mail")));
  }

  @Test
  void takesBothFieldsFromOneMemberHoldingBoth() {
    var both = new Holder("m-both", "JOHN", "John@Example.com");

    assertThat(ConflictRules.decide(AUTO, NEW_JOHN, List.of(both, both)))
        .isEqualTo(new Proceed(List.of("m-both"), List.of("m-both")));
  }

  @Test
  void theMemberSigningInNeverConflictsWithThemselves() {
    var self = new Claim("m-old", "JOHN", "old@example.com");

    assertThat(ConflictRules.decide(REFUSE, self, List.of(OLD_JOHN))).isEqualTo(Proceed.CLEAR);
  }

  @Test
  void aHolderOfADifferentlyCasedValueStillConflictsWhileAnotherValueDoesNot() {
    var holders = List.of(new Holder("m-x", "JoHn", null), new Holder("m-y", "johnny", null));

    assertThat(ConflictRules.decide(REFUSE, new Claim("m-z", "jOhN", null), holders))
        .isEqualTo(new Refuse(ConflictField.USERNAME, false));
    assertThat(ConflictRules.decide(REFUSE, new Claim("m-z", "john2", null), holders))
        .isEqualTo(Proceed.CLEAR);
  }

  @Test
  void absentOrBlankValuesNeverConflict() {
    var holders = List.of(new Holder("m-x", null, null), new Holder("m-y", "", ""));

    assertThat(ConflictRules.decide(REFUSE, new Claim(null, null, null), holders))
        .isEqualTo(Proceed.CLEAR);
    assertThat(ConflictRules.decide(REFUSE, new Claim(null, "", " "), holders))
        .isEqualTo(Proceed.CLEAR);
  }

  @Test
  void aUsernameComposedDifferentlyIsTheSameUsername() {
    var holders = List.of(new Holder("m-x", "Zoe\u0308", null));

    assertThat(ConflictRules.decide(REFUSE, new Claim(null, "zo\u00eb", null), holders))
        .isEqualTo(new Refuse(ConflictField.USERNAME, false));
  }
}
