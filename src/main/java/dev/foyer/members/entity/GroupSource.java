package dev.foyer.members.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A provider's sync gave the member this group (see {@link GroupSync}). Plain ids rather than
 * relations: the row refers to the membership row of {@code member_group}, which the member's
 * collection writes, so it is persisted only once that row is flushed.
 */
@Entity
@Table(name = "member_group_source")
@IdClass(GroupSource.Key.class)
@NamedQuery(
    name = GroupSource.OF_MEMBER,
    query = "select s from GroupSource s where s.memberId = :member")
@NamedQuery(
    name = GroupSource.FORGET,
    query =
        "delete from GroupSource s where s.memberId = :member and s.groupId = :group"
            + " and s.provider = :provider")
@NamedQuery(
    name = GroupSource.FORGET_ALL,
    query = "delete from GroupSource s where s.memberId = :member and s.groupId = :group")
public class GroupSource {
  public static final String OF_MEMBER = "GroupSource.ofMember";
  public static final String FORGET = "GroupSource.forget";
  public static final String FORGET_ALL = "GroupSource.forgetAll";

  /** The id class; a class with fields, as JPA sets them (a record's cannot be). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String memberId;
    private String groupId;
    private String provider;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(key.memberId, memberId)
          && Objects.equals(key.groupId, groupId)
          && Objects.equals(key.provider, provider);
    }

    @Override
    public int hashCode() {
      return Objects.hash(memberId, groupId, provider);
    }
  }

  @Id
  @Column(name = "member_id", length = 36)
  private String memberId;

  @Id
  @Column(name = "group_id", length = 36)
  private String groupId;

  @Id
  @Column(length = 64)
  private String provider;

  protected GroupSource() {}

  public GroupSource(String memberId, String groupId, String provider) {
    this.memberId = memberId;
    this.groupId = groupId;
    this.provider = provider;
  }

  public String groupId() {
    return groupId;
  }

  public String provider() {
    return provider;
  }
}
