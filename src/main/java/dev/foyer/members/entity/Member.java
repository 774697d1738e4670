package dev.foyer.members.entity;

import dev.foyer.spaces.entity.Space;
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
import java.util.UUID;

/**
 * A person inside one space. Guests (URI Auth without {@code uid}) are members too, flagged as
 * such: they hold no linked identity, so nobody can sign in as them again once their session ends.
 */
@Entity
@Table(name = "member", indexes = @Index(name = "member_space_email", columnList = "space_id, email"))
@NamedQuery(
    name = Member.BY_EMAIL,
    query = "select m from Member m where m.space = :space and m.email = :email and m.guest = false order by m.createdAt")
public class Member {
  public static final String BY_EMAIL = "Member.byEmail";

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @Column(nullable = false, length = 255)
  private String nickname;

  @Column(name = "given_name", nullable = false, length = 255)
  private String givenName;

  @Column(name = "family_name", length = 255)
  private String familyName;

  @Column(length = 255)
  private String email;

  @Column(length = 255)
  private String title;

  @Column(name = "avatar_url", length = 2048)
  private String avatarUrl;

  @Column(length = 8)
  private String language;

  @Column(name = "time_zone", length = 64)
  private String timeZone;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private MemberStatus status;

  @Column(nullable = false)
  private boolean guest;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_sign_in_at")
  private Instant lastSignInAt;

  protected Member() {}

  public Member(Space space, Profile profile, boolean guest, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.space = space;
    this.guest = guest;
    this.status = MemberStatus.ACTIVE;
    this.createdAt = now;
    update(profile);
  }

  /** The person's details as the identity provider states them now. */
  public void update(Profile profile) {
    this.givenName = profile.givenName();
    this.familyName = profile.familyName();
    this.nickname = profile.nickname();
    this.email = profile.email();
    this.title = profile.title();
    this.avatarUrl = profile.avatarUrl();
    this.language = profile.language();
    this.timeZone = profile.timeZone();
  }

  /** Applies the status rules of a sign-in; the caller refuses when {@link #mayNotSignIn()}. */
  public void signedIn(Instant now) {
    this.status = status.onSignIn();
    this.lastSignInAt = now;
  }

  public boolean mayNotSignIn() {
    return status.refusesSignIn();
  }

  public void changeStatus(MemberStatus status) {
    this.status = status;
  }

  public String id() {
    return id;
  }

  public Space space() {
    return space;
  }

  public String nickname() {
    return nickname;
  }

  public String givenName() {
    return givenName;
  }

  public Optional<String> familyName() {
    return Optional.ofNullable(familyName);
  }

  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  public Profile profile() {
    return new Profile(nickname, givenName, familyName, email, title, avatarUrl, language, timeZone);
  }

  public MemberStatus status() {
    return status;
  }

  public boolean guest() {
    return guest;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> lastSignInAt() {
    return Optional.ofNullable(lastSignInAt);
  }

  /** The person-describing part of a member, as doors assert it and as it is stored. */
  public record Profile(
      String nickname,
      String givenName,
      String familyName,
      String email,
      String title,
      String avatarUrl,
      String language,
      String timeZone) {}
}
