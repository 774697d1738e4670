package dev.foyer.sessions.entity;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.UpstreamSession;
import dev.foyer.secrets.Sha256;
import dev.foyer.spaces.entity.Space;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
 * A signed-in participant. Only the SHA-256 of the cookie value is stored, as the key: a database
 * reader cannot replay sessions, and a lookup is one primary-key read.
 */
@Entity
@Table(
    name = "participant_session",
    indexes = {
      @Index(name = "participant_session_member", columnList = "member_id, expires_at"),
      @Index(name = "participant_session_expires_at", columnList = "expires_at")
    })
@NamedQuery(
    name = ParticipantSession.OPEN_OF_MEMBER,
    query =
        "select s from ParticipantSession s where s.member = :member and s.revokedAt is null"
            + " and s.expiresAt > :now order by s.createdAt desc")
public class ParticipantSession {
  /** Neither revoked nor expired, newest first; the member's status is checked by the caller. */
  public static final String OPEN_OF_MEMBER = "ParticipantSession.openOfMember";

  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "member_id")
  private Member member;

  @Column(nullable = false, length = 32)
  private String door;

  @Column(name = "admission_level", nullable = false, length = 32)
  private String admissionLevel;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "last_used_at", nullable = false)
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  /** The identity provider (alias) the session came through, for single logout. */
  @Column(length = 64)
  private String provider;

  @Column(name = "upstream_subject", length = 1024)
  private String upstreamSubject;

  @Column(name = "upstream_subject_format", length = 255)
  private String upstreamSubjectFormat;

  @Column(name = "upstream_session", length = 255)
  private String upstreamSession;

  protected ParticipantSession() {}

  public ParticipantSession(
      String tokenHash,
      Member member,
      String door,
      String admissionLevel,
      Instant now,
      Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.space = member.space();
    this.member = member;
    this.door = door;
    this.admissionLevel = admissionLevel;
    this.createdAt = now;
    this.lastUsedAt = now;
    this.expiresAt = expiresAt;
  }

  /**
   * Not revoked, not expired, and its member may still sign in: a status that refuses sign-in
   * closes every session at once, even one whose revocation has not been written (a sign-in that
   * raced the status change). The column allows no member (schema V1); such a row opens nothing.
   */
  public boolean isValid(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt) && member != null && !member.mayNotSignIn();
  }

  /** Remembers the identity provider's session this one came from (single logout). */
  public void cameFrom(String provider, UpstreamSession upstream) {
    this.provider = provider;
    this.upstreamSubject = upstream.subject();
    this.upstreamSubjectFormat = upstream.subjectFormat().orElse(null);
    this.upstreamSession = upstream.index().orElse(null);
  }

  /** The identity provider's session this one came from, if one was kept. */
  public Optional<UpstreamSession> upstream() {
    return Optional.ofNullable(upstreamSubject)
        .map(
            subject ->
                new UpstreamSession(
                    subject,
                    Optional.ofNullable(upstreamSubjectFormat),
                    Optional.ofNullable(upstreamSession)));
  }

  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  /**
   * The session as administrators name it: a digest of its key, never the key (the token's hash)
   * itself, which would find the session from outside the admin API's checks.
   */
  public String publicId() {
    return Sha256.hex("participant-session:" + tokenHash).substring(0, 32);
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public void used(Instant now) {
    lastUsedAt = now;
  }

  public Space space() {
    return space;
  }

  public Member member() {
    return member;
  }

  public String door() {
    return door;
  }

  public String admissionLevel() {
    return admissionLevel;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }
}
