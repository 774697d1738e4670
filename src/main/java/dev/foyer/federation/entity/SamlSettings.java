package dev.foyer.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Optional;

/**
 * A SAML 2.0 provider's settings: the identity provider's metadata (fetched from {@code
 * metadataUrl} and kept, or pasted), the entity id read from it, and how Foyer's service provider
 * asks and what it accepts. The service provider's keys are on the provider, sealed.
 */
@Embeddable
public class SamlSettings {
  /** The NameID format asked for unless the administrator chooses another. */
  public static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

  @Column(name = "saml_metadata_url", length = 2048)
  private String metadataUrl;

  @Column(name = "saml_metadata", length = 524288)
  private String metadata;

  @Column(name = "saml_metadata_read_at")
  private Instant metadataReadAt;

  @Column(name = "saml_idp_entity_id", length = 1024)
  private String idpEntityId;

  @Column(name = "saml_sp_entity_id", length = 1024)
  private String spEntityId;

  @Column(name = "saml_name_id_format", length = 255)
  private String nameIdFormat;

  @Column(name = "saml_post_binding", nullable = false)
  private boolean postBinding;

  @Column(name = "saml_encrypted_assertions", nullable = false)
  private boolean encryptedAssertions;

  @Column(name = "saml_idp_initiated", nullable = false)
  private boolean idpInitiated;

  public SamlSettings() {}

  /**
   * @param metadataUrl where the metadata is fetched again; empty when it was pasted
   * @param metadata the document as read
   * @param idpEntityId its entity id (the issuer of its responses)
   */
  public SamlSettings withMetadata(
      String metadataUrl, String metadata, String idpEntityId, Instant readAt) {
    var copy = copy();
    copy.metadataUrl = metadataUrl;
    copy.metadata = metadata;
    copy.idpEntityId = idpEntityId;
    copy.metadataReadAt = readAt;
    return copy;
  }

  public SamlSettings with(
      String spEntityId,
      String nameIdFormat,
      boolean postBinding,
      boolean encryptedAssertions,
      boolean idpInitiated) {
    var copy = copy();
    copy.spEntityId = spEntityId;
    copy.nameIdFormat = nameIdFormat;
    copy.postBinding = postBinding;
    copy.encryptedAssertions = encryptedAssertions;
    copy.idpInitiated = idpInitiated;
    return copy;
  }

  private SamlSettings copy() {
    var copy = new SamlSettings();
    copy.metadataUrl = metadataUrl;
    copy.metadata = metadata;
    copy.metadataReadAt = metadataReadAt;
    copy.idpEntityId = idpEntityId;
    copy.spEntityId = spEntityId;
    copy.nameIdFormat = nameIdFormat;
    copy.postBinding = postBinding;
    copy.encryptedAssertions = encryptedAssertions;
    copy.idpInitiated = idpInitiated;
    return copy;
  }

  public Optional<String> metadataUrl() {
    return Optional.ofNullable(metadataUrl);
  }

  public Optional<String> metadata() {
    return Optional.ofNullable(metadata);
  }

  public Optional<Instant> metadataReadAt() {
    return Optional.ofNullable(metadataReadAt);
  }

  public Optional<String> idpEntityId() {
    return Optional.ofNullable(idpEntityId);
  }

  /** The audience: the administrator's, else Foyer's metadata address for the provider. */
  public Optional<String> spEntityId() {
    return Optional.ofNullable(spEntityId);
  }

  public String nameIdFormat() {
    return nameIdFormat == null ? UNSPECIFIED : nameIdFormat;
  }

  /** The AuthnRequest goes by HTTP-POST (else HTTP-Redirect). */
  public boolean postBinding() {
    return postBinding;
  }

  public boolean encryptedAssertions() {
    return encryptedAssertions;
  }

  public boolean idpInitiated() {
    return idpInitiated;
  }
}
