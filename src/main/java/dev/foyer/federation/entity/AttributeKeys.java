package dev.foyer.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Optional;

/**
 * A provider's attribute keys (seed 002): where its JSON holds the unique user value (required, how
 * the member is recognised at every sign-in), and optionally the username, nickname, email, given
 * and family name, avatar and groups. Each is an {@link AttributeKey} text.
 */
@Embeddable
public class AttributeKeys {
  /** No keys: a generic provider's administrator chooses them. */
  public static final AttributeKeys NONE =
      new AttributeKeys(null, null, null, null, null, null, null, null);

  /** The standard claims of OpenID Connect Core §5.1. */
  public static final AttributeKeys OIDC =
      new AttributeKeys(
          "sub",
          "preferred_username",
          "nickname",
          "email",
          "given_name",
          "family_name",
          "picture",
          null);

  /**
   * A SAML assertion read as JSON (federation.saml): {@code NameID}, and each attribute under its
   * Name and its FriendlyName. These are the FriendlyNames of Keycloak's and Shibboleth's default
   * attributes; Entra ID's and ADFS's claim URIs are keys too.
   */
  public static final AttributeKeys SAML =
      new AttributeKeys("NameID", null, null, "email", "givenName", "surname", null, null);

  @Column(name = "unique_key", length = AttributeKey.MAX_LENGTH)
  private String unique;

  @Column(name = "username_key", length = AttributeKey.MAX_LENGTH)
  private String username;

  @Column(name = "nickname_key", length = AttributeKey.MAX_LENGTH)
  private String nickname;

  @Column(name = "email_key", length = AttributeKey.MAX_LENGTH)
  private String email;

  @Column(name = "given_name_key", length = AttributeKey.MAX_LENGTH)
  private String givenName;

  @Column(name = "family_name_key", length = AttributeKey.MAX_LENGTH)
  private String familyName;

  @Column(name = "avatar_key", length = AttributeKey.MAX_LENGTH)
  private String avatar;

  @Column(name = "groups_key", length = AttributeKey.MAX_LENGTH)
  private String groups;

  protected AttributeKeys() {}

  public AttributeKeys(
      String unique,
      String username,
      String nickname,
      String email,
      String givenName,
      String familyName,
      String avatar,
      String groups) {
    this.unique = unique;
    this.username = username;
    this.nickname = nickname;
    this.email = email;
    this.givenName = givenName;
    this.familyName = familyName;
    this.avatar = avatar;
    this.groups = groups;
  }

  /** These keys, each replaced by the other's where the other names one. */
  public AttributeKeys overriddenBy(AttributeKeys other) {
    return new AttributeKeys(
        either(other.unique, unique),
        either(other.username, username),
        either(other.nickname, nickname),
        either(other.email, email),
        either(other.givenName, givenName),
        either(other.familyName, familyName),
        either(other.avatar, avatar),
        either(other.groups, groups));
  }

  private static String either(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  public Optional<AttributeKey> unique() {
    return key(unique);
  }

  public Optional<AttributeKey> username() {
    return key(username);
  }

  public Optional<AttributeKey> nickname() {
    return key(nickname);
  }

  public Optional<AttributeKey> email() {
    return key(email);
  }

  public Optional<AttributeKey> givenName() {
    return key(givenName);
  }

  public Optional<AttributeKey> familyName() {
    return key(familyName);
  }

  public Optional<AttributeKey> avatar() {
    return key(avatar);
  }

  public Optional<AttributeKey> groups() {
    return key(groups);
  }

  private static Optional<AttributeKey> key(String text) {
    return text == null ? Optional.empty() : AttributeKey.parse(text);
  }
}
