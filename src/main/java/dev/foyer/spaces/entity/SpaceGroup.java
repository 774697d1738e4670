package dev.foyer.spaces.entity;

import dev.foyer.secrets.Randomness;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.regex.Pattern;

/**
 * A group of members in a space; JWT SSO's {@code groups:join}/{@code groups:leave} name its id.
 */
@Entity
@Table(name = "space_group")
@NamedQuery(
    name = SpaceGroup.OF_SPACE,
    query = "select g from SpaceGroup g where g.space = :space order by g.name")
public class SpaceGroup {
  public static final String OF_SPACE = "SpaceGroup.ofSpace";

  /** A UUID in lower case, as {@link Randomness#uuid()} makes them. */
  public static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @Column(nullable = false, length = 255)
  private String name;

  protected SpaceGroup() {}

  public SpaceGroup(Space space, String name) {
    this(Randomness.uuid(), space, name);
  }

  /**
   * A group under an id it had elsewhere (a space's configuration imported from another
   * environment), so JWT claims naming it keep working.
   */
  public SpaceGroup(String id, Space space, String name) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("group id " + id);
    }
    this.id = id;
    this.space = space;
    this.name = name;
  }

  public void rename(String name) {
    this.name = name;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public boolean belongsTo(Space other) {
    return space.id().equals(other.id());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpaceGroup group && group.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
