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
    this.id = Randomness.uuid();
    this.space = space;
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
