package dev.foyer.members.control;

import dev.foyer.spaces.entity.SpaceGroup;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of a space's groups the values a provider sends for a person name. A value names the group
 * whose id it is (exactly); failing that, every group whose name it is, both taken in Unicode NFC
 * and compared ignoring case. A value naming no group is ignored: a directory sends many groups a
 * space does not know, and that is not an error.
 */
public final class GroupMatching {
  private GroupMatching() {}

  /** A value and the group it named, by its id or by its name. */
  public record Matched(String value, SpaceGroup group, boolean byId) {}

  /** The values that named groups, and those that named none, in the order sent. */
  public record Match(List<Matched> matched, List<String> ignored) {
    /** The groups named, each once. */
    public Set<SpaceGroup> groups() {
      var groups = new LinkedHashSet<SpaceGroup>();
      matched.forEach(one -> groups.add(one.group()));
      return groups;
    }
  }

  public static Match match(List<SpaceGroup> groups, List<String> values) {
    var matched = new ArrayList<Matched>();
    var ignored = new ArrayList<String>();
    for (var value : new LinkedHashSet<>(values)) {
      var byId = groups.stream().filter(group -> group.id().equals(value)).findFirst();
      if (byId.isPresent()) {
        matched.add(new Matched(value, byId.get(), true));
        continue;
      }
      var key = key(value);
      var byName = groups.stream().filter(group -> key(group.name()).equals(key)).toList();
      if (byName.isEmpty()) {
        ignored.add(value);
      }
      byName.forEach(group -> matched.add(new Matched(value, group, false)));
    }
    return new Match(List.copyOf(matched), List.copyOf(ignored));
  }

  /**
   * NFC, then a case fold that also equates the forms {@code toLowerCase} alone keeps apart (the
   * Greek final sigma, the German sharp s written "SS").
   */
  static String key(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }
}
