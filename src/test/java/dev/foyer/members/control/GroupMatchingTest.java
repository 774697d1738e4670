package dev.foyer.members.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMatchingTest {
  static final Space SPACE = new Space("acme", "Acme", Instant.EPOCH);
  static final SpaceGroup STAFF = new SpaceGroup(SPACE, "Staff");
  static final SpaceGroup CAFE = new SpaceGroup(SPACE, "Caf\u00e9 Team");
  static final SpaceGroup STRASSE = new SpaceGroup(SPACE, "Stra\u00dfe");
  static final SpaceGroup OPS = new SpaceGroup(SPACE, "Ops");
  static final List<SpaceGroup> GROUPS = List.of(STAFF, CAFE, STRASSE, OPS);

  @Test
  void matchesAGroupByItsId() {
    var match = GroupMatching.match(GROUPS, List.of(OPS.id()));

    assertThat(match.matched()).containsExactly(new GroupMatching.Matched(OPS.id(), OPS, true));
    assertThat(match.ignored()).isEmpty();
  }

  @Test
  void matchesAGroupByItsNameIgnoringCase() {
    var match = GroupMatching.match(GROUPS, List.of("sTAFF"));

    assertThat(match.matched()).containsExactly(new GroupMatching.Matched("sTAFF", STAFF, false));
  }

  @Test
  void matchesANameSentDecomposedToItsComposedForm() {
    // "Cafe" + COMBINING ACUTE ACCENT is "Café" after NFC.
    var match = GroupMatching.match(GROUPS, List.of("CAFE\u0301 team"));

    assertThat(match.groups()).containsExactly(CAFE);
  }

  @Test
  void matchesASharpSWrittenAsDoubleS() {
    assertThat(GroupMatching.match(GROUPS, List.of("STRASSE")).groups()).containsExactly(STRASSE);
  }

  @Test
  void ignoresValuesNamingNoGroupOfTheSpace() {
    var match = GroupMatching.match(GROUPS, List.of("Domain Users", "staff", "Staff "));

    assertThat(match.groups()).containsExactly(STAFF);
    assertThat(match.ignored()).containsExactly("Domain Users", "Staff ");
  }

  @Test
  void prefersTheIdToANameThatHappensToEqualIt() {
    var namedLikeAnId = new SpaceGroup(SPACE, STAFF.id());

    var match = GroupMatching.match(List.of(STAFF, namedLikeAnId), List.of(STAFF.id()));

    assertThat(match.groups()).containsExactly(STAFF);
  }

  @Test
  void matchesEveryGroupBearingTheName() {
    var otherStaff = new SpaceGroup(SPACE, "staff");

    var match = GroupMatching.match(List.of(STAFF, otherStaff), List.of("Staff"));

    assertThat(match.groups()).containsExactlyInAnyOrder(STAFF, otherStaff);
  }

  @Test
  void countsARepeatedValueOnce() {
    var match = GroupMatching.match(GROUPS, List.of("Ops", "Ops", "x", "x"));

    assertThat(match.matched()).hasSize(1);
    assertThat(match.ignored()).containsExactly("x");
  }

  @Test
  void matchesNothingWithoutValues() {
    var match = GroupMatching.match(GROUPS, List.of());

    assertThat(match.groups()).isEmpty();
    assertThat(match.ignored()).isEmpty();
  }
}
