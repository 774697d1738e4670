package dev.foyer.spaces.entity;

import dev.foyer.secrets.Randomness;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A chat event inside a space. Its id is what seed 000's {@code eventid} carries, unique within its
 * space only: two spaces may each have a {@code welcome}, and nothing about one space's events is
 * told to another's links or administrators. The row's key is a separate, hidden value (for events
 * made before ids were per space, their id).
 */
@Entity
@Table(
    name = "chat_event",
    uniqueConstraints =
        @UniqueConstraint(
            name = "chat_event_space_id_key",
            columnNames = {"space_id", "id"}))
@NamedQuery(
    name = Event.OF_SPACE,
    query = "select e from Event e where e.space = :space order by e.startsAt, e.id")
@NamedQuery(
    name = Event.IN_SPACE,
    query = "select e from Event e where e.space = :space and e.id = :id")
public class Event {
  public static final String OF_SPACE = "Event.ofSpace";
  public static final String IN_SPACE = "Event.inSpace";

  /** Letters, digits, '-' and '_': never a path, never a URL. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  @Id
  @Column(name = "event_key", length = 64)
  private String key;

  @Column(nullable = false, length = 64)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @Column(nullable = false, length = 255)
  private String title;

  @Convert(converter = AdmissionLevelsConverter.class)
  @Column(name = "admitted_levels", nullable = false, length = 128)
  private Set<AdmissionLevel> admittedLevels = EnumSet.noneOf(AdmissionLevel.class);

  @Column(name = "starts_at")
  private Instant startsAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  protected Event() {}

  public Event(String id, Space space, String title, Set<AdmissionLevel> admittedLevels) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("event id " + id);
    }
    this.key = Randomness.uuid();
    this.id = id;
    this.space = space;
    this.title = title;
    admit(admittedLevels);
  }

  public void retitle(String title) {
    this.title = title;
  }

  public void admit(Set<AdmissionLevel> levels) {
    this.admittedLevels =
        levels.isEmpty() ? EnumSet.noneOf(AdmissionLevel.class) : EnumSet.copyOf(levels);
  }

  public void schedule(Instant startsAt, Instant endsAt) {
    if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("an event cannot end before it starts");
    }
    this.startsAt = startsAt;
    this.endsAt = endsAt;
  }

  public boolean admits(AdmissionLevel level) {
    return admittedLevels.contains(level);
  }

  public String id() {
    return id;
  }

  public Space space() {
    return space;
  }

  public String title() {
    return title;
  }

  public Set<AdmissionLevel> admittedLevels() {
    return EnumSet.copyOf(
        admittedLevels.isEmpty() ? EnumSet.noneOf(AdmissionLevel.class) : admittedLevels);
  }

  public Optional<Instant> startsAt() {
    return Optional.ofNullable(startsAt);
  }

  public Optional<Instant> endsAt() {
    return Optional.ofNullable(endsAt);
  }
}
