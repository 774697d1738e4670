package dev.foyer.signin.entity;

import dev.foyer.secrets.Randomness;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Every sign-in attempt, accepted or refused. Refusals are written in a transaction of their own,
 * after the attempt's transaction rolled back, so the audit survives what it records. The account
 * is kept as sent (up to 64 characters) because a refused attempt may name no real space.
 */
@Entity
@Table(
    name = "login_record",
    indexes = {
      @Index(name = "login_record_account_at_id", columnList = "account, at DESC, id DESC"),
      @Index(name = "login_record_at", columnList = "at"),
      @Index(name = "login_record_account_door_at", columnList = "account, door, at DESC, id DESC"),
      @Index(
          name = "login_record_account_provider_at",
          columnList = "account, provider, at DESC, id DESC"),
      @Index(name = "login_record_account_code_at", columnList = "account, code, at DESC, id DESC")
    })
public class LoginRecord {

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false, length = 32)
  private String door;

  @Column(length = 64)
  private String account;

  /**
   * The alias the identity is linked under (an identity provider's, or the door's own), when the
   * door got far enough to know it.
   */
  @Column(length = 64)
  private String provider;

  @Column(name = "member_id", length = 36)
  private String memberId;

  @Column(name = "event_id", length = 64)
  private String eventId;

  @Column(nullable = false)
  private boolean accepted;

  @Column(length = 16)
  private String code;

  protected LoginRecord() {}

  private LoginRecord(
      Instant at,
      String door,
      String account,
      String provider,
      String memberId,
      String eventId,
      boolean accepted,
      String code) {
    this.id = Randomness.uuid();
    this.at = at;
    this.door = door;
    this.account = account == null ? null : account.substring(0, Math.min(64, account.length()));
    this.provider =
        provider == null ? null : provider.substring(0, Math.min(64, provider.length()));
    this.memberId = memberId;
    this.eventId = eventId;
    this.accepted = accepted;
    this.code = code;
  }

  public static LoginRecord accepted(
      Instant at, String door, String account, String provider, String memberId, String eventId) {
    return new LoginRecord(at, door, account, provider, memberId, eventId, true, null);
  }

  public static LoginRecord refused(
      Instant at, String door, String account, String provider, String code) {
    return new LoginRecord(at, door, account, provider, null, null, false, code);
  }

  public String id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String door() {
    return door;
  }

  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  public Optional<String> memberId() {
    return Optional.ofNullable(memberId);
  }

  public Optional<String> eventId() {
    return Optional.ofNullable(eventId);
  }

  public boolean accepted() {
    return accepted;
  }

  public Optional<String> code() {
    return Optional.ofNullable(code);
  }
}
