package dev.foyer.signin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A sign-in that left for an identity provider and has not come back yet: which space, door and
 * provider it is for, where it goes next, and the protocol's own values (state, nonce, PKCE
 * verifier, an OAuth 1.0a request token). It is found by the hash of a short-lived flow cookie, is
 * used once and expires in minutes; it lives in the database so the callback may reach any node.
 */
@Entity
@Table(name = "flow_state")
public class FlowState {
  /** The protocol values, url-encoded {@code key=value} lines: they fit in 4000 characters. */
  public static final int MAX_VALUES = 4000;

  @Id
  @Column(name = "id_hash", length = 64)
  private String idHash;

  @Column(name = "space_id", length = 36)
  private String spaceId;

  @Column(length = 32, nullable = false)
  private String door;

  @Column(name = "provider_id", length = 36)
  private String providerId;

  @Column(name = "event_id", length = 64)
  private String eventId;

  @Column(name = "return_path", length = 2048)
  private String returnPath;

  @Column(name = "client_key", length = 64)
  private String clientKey;

  @Column(name = "protocol_values", length = MAX_VALUES)
  private String values = "";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Version private long version;

  protected FlowState() {}

  public FlowState(
      String idHash,
      String spaceId,
      String door,
      String providerId,
      String eventId,
      String returnPath,
      Instant now,
      Instant expiresAt) {
    this.idHash = idHash;
    this.spaceId = spaceId;
    this.door = door;
    this.providerId = providerId;
    this.eventId = eventId;
    this.returnPath = returnPath;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public Optional<String> value(String key) {
    return Optional.ofNullable(decode().get(key));
  }

  /** Who started it, as the entry's limits count it (a hash: no address is stored). */
  public void startedBy(String clientKey) {
    this.clientKey = clientKey;
  }

  /** Every protocol value, in the order they were put. */
  public Map<String, String> values() {
    return java.util.Collections.unmodifiableMap(decode());
  }

  /** Sets or (with {@code null}) removes one protocol value. */
  public void put(String key, String value) {
    var map = decode();
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
    var encoded =
        map.entrySet().stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("\n"));
    if (encoded.length() > MAX_VALUES) {
      throw new IllegalStateException(
          "A flow's protocol values exceed " + MAX_VALUES + " characters");
    }
    this.values = encoded;
  }

  private Map<String, String> decode() {
    var map = new LinkedHashMap<String, String>();
    if (values == null || values.isEmpty()) {
      return map;
    }
    for (var line : values.split("\n")) {
      var at = line.indexOf('=');
      map.put(decodePart(line.substring(0, at)), decodePart(line.substring(at + 1)));
    }
    return map;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decodePart(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** Ends the flow no later than {@code at}: a flow that carries on another keeps its deadline. */
  public void expireBy(Instant at) {
    if (at.isBefore(expiresAt)) {
      expiresAt = at;
    }
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public String idHash() {
    return idHash;
  }

  public String spaceId() {
    return spaceId;
  }

  public String door() {
    return door;
  }

  public Optional<String> providerId() {
    return Optional.ofNullable(providerId);
  }

  public Optional<String> eventId() {
    return Optional.ofNullable(eventId);
  }

  public Optional<String> returnPath() {
    return Optional.ofNullable(returnPath);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}
