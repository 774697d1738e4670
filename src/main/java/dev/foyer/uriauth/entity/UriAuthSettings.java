package dev.foyer.uriauth.entity;

import dev.foyer.secrets.RotatingKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A space's URI Auth settings, keyed by the space's id as JWT SSO's are: whether it accepts only
 * signed links, whether a signed link may link to a member by email, and the signing secret with
 * the previous one during a rotation's overlap. Every space has one, made with the space.
 */
@Entity
@Table(name = "uri_auth_settings")
public class UriAuthSettings {
  @Id
  @Column(name = "space_id", length = 36)
  private String spaceId;

  @Column(name = "signed_links_required", nullable = false)
  private boolean signedLinksRequired;

  @Column(name = "link_by_email", nullable = false)
  private boolean linkByEmail;

  @Embedded private RotatingKey signingSecret;

  @Version private long version;

  protected UriAuthSettings() {}

  public UriAuthSettings(String spaceId, String sealedSigningSecret) {
    this.spaceId = spaceId;
    this.signingSecret = new RotatingKey(sealedSigningSecret);
  }

  public void requireSignedLinks(boolean required) {
    this.signedLinksRequired = required;
  }

  public void linkByEmail(boolean link) {
    this.linkByEmail = link;
  }

  public boolean signedLinksRequired() {
    return signedLinksRequired;
  }

  public boolean linksByEmail() {
    return linkByEmail;
  }

  public RotatingKey signingSecret() {
    return signingSecret;
  }
}
