package dev.foyer.members.entity;

import dev.foyer.secrets.Randomness;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A member's status as it changed, for the administrators: an administrator's decision (by the name
 * their token gives) or a sign-in that settled an invitation, a pending request or a leave (by the
 * door). Written in the transaction of the change, so it is there exactly when the change is.
 */
@Entity
@Table(
    name = "member_status_change",
    indexes = @Index(name = "member_status_change_member", columnList = "member_id, changed_at"))
@NamedQuery(
    name = StatusChangeRecord.OF_MEMBER,
    query =
        "select c from StatusChangeRecord c where c.member = :member order by c.changedAt, c.id")
public class StatusChangeRecord {
  public static final String OF_MEMBER = "StatusChangeRecord.ofMember";

  /** Who made a change. */
  public enum Cause {
    /** An administrator, through the admin API. */
    ADMIN,
    /** The member's own sign-in ({@link MemberStatus#onSignIn()}). */
    SIGN_IN
  }

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "member_id")
  private Member member;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  /** Null for the status an administrator created the member with. */
  @Enumerated(EnumType.STRING)
  @Column(name = "from_status", length = 16)
  private MemberStatus from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status", nullable = false, length = 16)
  private MemberStatus to;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Cause cause;

  /** The administrator's name (their token's), or the door of the sign-in. */
  @Column(name = "changed_by", length = 255)
  private String by;

  protected StatusChangeRecord() {}

  public StatusChangeRecord(
      Member member, MemberStatus from, MemberStatus to, Cause cause, String by, Instant at) {
    this.id = Randomness.uuid();
    this.member = member;
    this.from = from;
    this.to = to;
    this.cause = cause;
    this.by = by == null ? null : by.substring(0, Math.min(255, by.length()));
    this.changedAt = at;
  }

  public Instant changedAt() {
    return changedAt;
  }

  public Optional<MemberStatus> from() {
    return Optional.ofNullable(from);
  }

  public MemberStatus to() {
    return to;
  }

  public Cause cause() {
    return cause;
  }

  public Optional<String> by() {
    return Optional.ofNullable(by);
  }
}
