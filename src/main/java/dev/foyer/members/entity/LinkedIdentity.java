package dev.foyer.members.entity;

import dev.foyer.secrets.Randomness;
import dev.foyer.spaces.entity.Space;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * (space, provider alias, external id) → member. The unique constraint is what makes two
 * simultaneous first sign-ins of the same person end in one member: the loser's insert fails and
 * its retry finds the winner's row.
 */
@Entity
@Table(
    name = "linked_identity",
    uniqueConstraints =
        @UniqueConstraint(
            name = "linked_identity_key",
            columnNames = {"space_id", "provider", "external_id"}))
@NamedQuery(
    name = LinkedIdentity.FIND,
    query =
        "select l from LinkedIdentity l join fetch l.member where l.space = :space and l.provider = :provider and l.externalId = :externalId")
@NamedQuery(
    name = LinkedIdentity.OF_MEMBER,
    query = "select l from LinkedIdentity l where l.member = :member order by l.createdAt")
@NamedQuery(
    name = LinkedIdentity.COUNT_OF_PROVIDER,
    query =
        "select count(l) from LinkedIdentity l where l.space = :space and l.provider = :provider")
public class LinkedIdentity {
  /**
   * How many identities are linked under an alias in a space: read on the unique constraint's
   * index, whose first columns are (space_id, provider).
   */
  public static final String COUNT_OF_PROVIDER = "LinkedIdentity.countOfProvider";

  public static final String FIND = "LinkedIdentity.find";
  public static final String OF_MEMBER = "LinkedIdentity.ofMember";

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @Column(nullable = false, length = 64)
  private String provider;

  @Column(name = "external_id", nullable = false, length = 255)
  private String externalId;

  /** The external id as the administrators' search compares it ({@link SearchTerms#fold}). */
  @Column(name = "external_key", length = SearchTerms.MAX)
  private String externalKey;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "member_id")
  private Member member;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected LinkedIdentity() {}

  public LinkedIdentity(Member member, String provider, String externalId, Instant now) {
    this.id = Randomness.uuid();
    this.space = member.space();
    this.member = member;
    this.provider = provider;
    this.externalId = externalId;
    this.externalKey = SearchTerms.fold(externalId);
    this.createdAt = now;
  }

  /** Seeds 001/003: a changed email makes a new member, and the external id follows it there. */
  public void relinkTo(Member other) {
    this.member = other;
  }

  public Member member() {
    return member;
  }

  public String provider() {
    return provider;
  }

  public String externalId() {
    return externalId;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
