package dev.foyer.members.entity;

import dev.foyer.secrets.Randomness;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person inside one space. Guests (URI Auth without {@code uid}) are members too, flagged as
 * such: they hold no linked identity, so nobody can sign in as them again once their session ends.
 */
@Entity
@Table(
    name = "member",
    indexes = {
      @Index(name = "member_space_email_key", columnList = "space_id, email_key"),
      @Index(name = "member_guest_last_sign_in", columnList = "guest, last_sign_in_at"),
      @Index(name = "member_space_username_skeleton", columnList = "space_id, username_skeleton")
    },
    uniqueConstraints =
        @UniqueConstraint(
            name = "member_space_username_key",
            columnNames = {"space_id", "username_key"}))
@NamedQuery(
    name = Member.BY_EMAIL,
    query =
        "select m from Member m where m.space = :space and m.emailKey = :email and m.emailVerified"
            + " = true and m.guest = false order by m.createdAt")
@NamedQuery(
    name = Member.HOLDING_EMAIL,
    query =
        "select m from Member m where m.space = :space and m.emailKey = :email and m.guest = false")
@NamedQuery(
    name = Member.BY_USERNAME,
    query = "select m from Member m where m.space = :space and m.usernameKey = :username")
@NamedQuery(
    name = Member.BY_SKELETON,
    query = "select m from Member m where m.space = :space and m.usernameSkeleton = :skeleton")
public class Member {
  public static final String BY_EMAIL = "Member.byEmail";

  /** The members of a space, guests aside, holding an email key, verified or not. */
  public static final String HOLDING_EMAIL = "Member.holdingEmail";

  public static final String BY_USERNAME = "Member.byUsername";

  /** The members of a space whose usernames look alike ({@link UsernameSkeleton}). */
  public static final String BY_SKELETON = "Member.bySkeleton";

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "space_id")
  private Space space;

  @Column(nullable = false, length = 255)
  private String nickname;

  /** Seed 002's username: unique in the space ignoring case, through its key. */
  @Column(length = 255)
  private String username;

  /** The username in NFC and lower case; the unique constraint (space, key) allows many NULLs. */
  @Column(name = "username_key", length = 255)
  private String usernameKey;

  /**
   * What the username looks like ({@link UsernameSkeleton}), written with it: a chosen username may
   * not look like another member's. Not unique: providers' usernames may look alike.
   */
  @Column(name = "username_skeleton", length = UsernameSkeleton.MAX)
  private String usernameSkeleton;

  @Column(name = "given_name", nullable = false, length = 255)
  private String givenName;

  @Column(name = "family_name", length = 255)
  private String familyName;

  @Column(length = 255)
  private String email;

  /** The email in lower case, indexed: linking by email ignores case without scanning members. */
  @Column(name = "email_key", length = 255)
  private String emailKey;

  /** Only an email a door vouched for (or an administrator entered) may be linked by. */
  @Column(
      name = "email_verified",
      nullable = false,
      columnDefinition = "BOOLEAN DEFAULT FALSE NOT NULL")
  private boolean emailVerified;

  /** Jakarta Security's PBKDF2 hash, for members who also sign in with a password. */
  @Column(name = "password_hash", length = 512)
  private String passwordHash;

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

  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(
      name = "member_group",
      joinColumns = @JoinColumn(name = "member_id"),
      inverseJoinColumns = @JoinColumn(name = "group_id"))
  private Set<SpaceGroup> groups = new HashSet<>();

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "member_property", joinColumns = @JoinColumn(name = "member_id"))
  @MapKeyColumn(name = "property_name", length = 64)
  @Column(name = "property_value", length = 1024)
  private Map<String, String> properties = new HashMap<>();

  /** JWT SSO's {@code domains: set}: key → URL of a site the Spot is embedded in. */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "member_domain", joinColumns = @JoinColumn(name = "member_id"))
  @MapKeyColumn(name = "domain_key", length = 64)
  @Column(name = "url", length = 2048)
  private Map<String, String> domains = new HashMap<>();

  /**
   * What the administrators' search finds this member by ({@link SearchTerms}), rewritten by every
   * change of the names, username or email: kept in place, so an unchanged profile writes nothing.
   */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "member_term", joinColumns = @JoinColumn(name = "member_id"))
  private Set<SearchTerm> terms = new HashSet<>();

  protected Member() {}

  public Member(Space space, Profile profile, boolean guest, boolean emailVerified, Instant now) {
    this.id = Randomness.uuid();
    this.space = space;
    this.guest = guest;
    this.status = MemberStatus.ACTIVE;
    this.createdAt = now;
    update(profile, java.util.EnumSet.allOf(ProfileField.class), emailVerified);
  }

  /** Replaces the given fields with the identity provider's current statement of them. */
  public void update(Profile profile, Set<ProfileField> fields, boolean emailVerified) {
    var searchedBefore = searched();
    if (fields.contains(ProfileField.NAMES)) {
      this.givenName = profile.givenName();
      this.familyName = profile.familyName();
      this.nickname = profile.nickname();
    }
    if (fields.contains(ProfileField.USERNAME)) {
      this.username = profile.username();
      this.usernameKey = usernameKey(profile.username());
      this.usernameSkeleton = UsernameSkeleton.of(profile.username());
    }
    if (fields.contains(ProfileField.EMAIL)) {
      if (!java.util.Objects.equals(email, profile.email())) {
        this.email = profile.email();
        this.emailKey = emailKey(profile.email());
        this.emailVerified = emailVerified && profile.email() != null;
      } else if (emailVerified && email != null) {
        this.emailVerified = true;
      }
    }
    if (fields.contains(ProfileField.TITLE)) {
      this.title = profile.title();
    }
    if (fields.contains(ProfileField.AVATAR)) {
      this.avatarUrl = profile.avatarUrl();
    }
    if (fields.contains(ProfileField.LANGUAGE)) {
      this.language = profile.language();
    }
    if (fields.contains(ProfileField.TIME_ZONE)) {
      this.timeZone = profile.timeZone();
    }
    // A sign-in rewrites the same values most of the time: the terms are not even read then.
    if (!searched().equals(searchedBefore)) {
      index();
    }
  }

  /** What the search terms are made of. */
  private List<String> searched() {
    return java.util.Arrays.asList(givenName, familyName, nickname, username, email);
  }

  /** The search terms of the profile as it now is; the terms that did not change stay untouched. */
  private void index() {
    var now = new HashSet<SearchTerm>();
    SearchTerms.of(profile()).forEach(term -> now.add(new SearchTerm(space.id(), term)));
    if (!now.equals(terms)) {
      terms.retainAll(now);
      terms.addAll(now);
    }
  }

  /** The member's search terms, as {@link SearchTerms#of} made them. */
  public Set<String> searchTerms() {
    var words = new java.util.TreeSet<String>();
    terms.forEach(term -> words.add(term.term()));
    return Collections.unmodifiableSet(words);
  }

  public static String emailKey(String email) {
    return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
  }

  /** What makes two usernames one: case (Locale.ROOT) and Unicode composition do not count. */
  public static String usernameKey(String username) {
    return username == null
        ? null
        : java.text.Normalizer.normalize(username, java.text.Normalizer.Form.NFC)
            .toLowerCase(java.util.Locale.ROOT);
  }

  /** The member's own choice (PATCH /api/me), already checked as a display name. */
  public void changeNickname(String nickname) {
    this.nickname = nickname;
    index();
  }

  /**
   * A sign-in conflict took this member's username for someone else: a random one stands in until
   * their own provider brings theirs back at their next sign-in.
   */
  public void replaceUsername(String username) {
    this.username = username;
    this.usernameKey = usernameKey(username);
    this.usernameSkeleton = UsernameSkeleton.of(username);
    index();
  }

  /** A sign-in conflict took this member's email for someone else; it is no longer verified. */
  public void removeEmail() {
    this.email = null;
    this.emailKey = null;
    this.emailVerified = false;
    index();
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public Optional<String> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  public void join(SpaceGroup group) {
    groups.add(group);
  }

  public void leave(SpaceGroup group) {
    groups.remove(group);
  }

  public List<SpaceGroup> groups() {
    return groups.stream().sorted(java.util.Comparator.comparing(SpaceGroup::name)).toList();
  }

  public void setProperty(String name, String value) {
    properties.put(name, value);
  }

  public Map<String, String> properties() {
    return Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  public void setDomain(String key, String url) {
    domains.put(key, url);
  }

  public void unsetDomain(String key) {
    domains.remove(key);
  }

  public Map<String, String> domains() {
    return Collections.unmodifiableMap(new TreeMap<>(domains));
  }

  public boolean emailVerified() {
    return emailVerified;
  }

  /**
   * Applies the status rules of a sign-in; the caller refuses when {@link #mayNotSignIn()}. Returns
   * the change of status the sign-in made, if it made one.
   */
  public Optional<MemberStatusChange> signedIn(Instant now) {
    var from = this.status;
    this.status = status.onSignIn();
    this.lastSignInAt = now;
    return from == status
        ? Optional.empty()
        : Optional.of(new MemberStatusChange(this, from, status));
  }

  public boolean mayNotSignIn() {
    return status.refusesSignIn();
  }

  /** An administrator's decision; the caller announces the change it returns. */
  public MemberStatusChange changeStatus(MemberStatus status) {
    var from = this.status;
    this.status = status;
    return new MemberStatusChange(this, from, status);
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

  public Optional<String> username() {
    return Optional.ofNullable(username);
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
    return new Profile(
        nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
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
      String timeZone,
      String username) {

    /**
     * A profile with a nickname and a given name; the rest is set by name with the {@code with}
     * methods.
     */
    public static Profile named(String nickname, String givenName) {
      return new Profile(nickname, givenName, null, null, null, null, null, null, null);
    }

    public Profile withFamilyName(String familyName) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    public Profile withEmail(String email) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    public Profile withTitle(String title) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    public Profile withAvatarUrl(String avatarUrl) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    public Profile withLanguage(String language) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    public Profile withTimeZone(String timeZone) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    /** Seed 002's username (a federated provider's "username key"); other doors assert none. */
    public Profile withUsername(String username) {
      return new Profile(
          nickname, givenName, familyName, email, title, avatarUrl, language, timeZone, username);
    }

    /** A display name cut to the 255 characters a nickname holds, never inside a surrogate pair. */
    public static String nickname(String name) {
      if (name.codePointCount(0, name.length()) <= 255) {
        return name;
      }
      return name.substring(0, name.offsetByCodePoints(0, 255)).strip();
    }
  }
}
