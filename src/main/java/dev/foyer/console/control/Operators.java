package dev.foyer.console.control;

import dev.foyer.console.entity.ConsoleLink;
import dev.foyer.console.entity.ConsoleProblem;
import dev.foyer.console.entity.OperatorRole;
import dev.foyer.console.entity.OperatorSession;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.secrets.Randomness;
import dev.foyer.secrets.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operators' console sessions and the single-use links that open them. Cookies and link codes are
 * 256 random bits each, shown to the browser once and stored only as hashes.
 */
@ApplicationScoped
public class Operators {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.console.session-ttl", defaultValue = "PT8H")
  Duration sessionTtl;

  @Inject
  @ConfigProperty(name = "foyer.console.link-ttl", defaultValue = "PT10M")
  Duration linkTtl;

  /** A new link's code (shown once) and when it stops working. */
  public record NewLink(String code, ConsoleLink link) {}

  /** A new session and its cookie value, shown to the browser once. */
  public record Opened(String token, OperatorSession session) {}

  @Transactional
  public NewLink link(String subject, OperatorRole role) {
    subject = bounded(subject);
    var code = random();
    var now = clock.instant();
    var link = new ConsoleLink(Sha256.hex(code), subject, role, now, now.plus(linkTtl));
    em.persist(link);
    return new NewLink(code, link);
  }

  /**
   * Opens a session with the link's role and ends the link, both in one transaction: of two
   * requests with one code, only the one whose delete removed the row gets a session.
   *
   * @throws GatewayProblem {@code CON1} for an unknown, used or expired code
   */
  @Transactional
  public Opened redeem(String code) {
    var link = usable(code);
    var hash = link.codeHash();
    var deleted =
        em.createQuery("delete from ConsoleLink l where l.codeHash = :hash")
            .setParameter("hash", hash)
            .executeUpdate();
    if (deleted != 1) {
      throw unusable();
    }
    return open(link.subject(), null, link.role(), OperatorSession.Source.LINK);
  }

  /**
   * The link a code names, if it can still be used; it stays unused.
   *
   * @throws GatewayProblem {@code CON1} for an unknown, used or expired code
   */
  public ConsoleLink usable(String code) {
    if (code == null || code.isEmpty() || code.length() > 64) {
      throw unusable();
    }
    return Optional.ofNullable(em.find(ConsoleLink.class, Sha256.hex(code)))
        .filter(found -> !found.expiredAt(clock.instant()))
        .orElseThrow(this::unusable);
  }

  private GatewayProblem unusable() {
    return new GatewayProblem(
        ConsoleProblem.LINK_UNUSABLE,
        "Ask for a new console link: each one signs in once, within "
            + linkTtl.toMinutes()
            + " minutes.");
  }

  @Transactional
  public Opened open(
      String subject, String displayName, OperatorRole role, OperatorSession.Source source) {
    subject = bounded(subject);
    displayName = displayName == null ? null : bounded(displayName);
    var token = random();
    var now = clock.instant();
    var session =
        new OperatorSession(
            Sha256.hex(token), subject, displayName, role, source, now, now.plus(sessionTtl));
    em.persist(session);
    return new Opened(token, session);
  }

  /** The live session a cookie names. */
  public Optional<OperatorSession> session(String token) {
    if (token == null || token.isEmpty() || token.length() > 64) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(OperatorSession.class, Sha256.hex(token)))
        .filter(session -> !session.expiredAt(clock.instant()));
  }

  /**
   * The CSRF token of the session a cookie value opens: derived from the cookie, which scripts of
   * no page can read, so only Foyer's console pages, which are given it, can send it back.
   */
  public static String csrf(String token) {
    return Sha256.hex("csrf:" + token);
  }

  /** Whether {@code csrf} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(String token, String csrf) {
    return csrf != null
        && MessageDigest.isEqual(
            csrf.getBytes(StandardCharsets.UTF_8), csrf(token).getBytes(StandardCharsets.UTF_8));
  }

  @Transactional
  public void end(OperatorSession session) {
    em.createQuery("delete from OperatorSession s where s.idHash = :hash")
        .setParameter("hash", session.idHash())
        .executeUpdate();
  }

  public Duration sessionTtl() {
    return sessionTtl;
  }

  /** What the columns hold: 255 characters; a token without a name is still someone's. */
  private static String bounded(String name) {
    if (name == null || name.isBlank()) {
      return "(unnamed)";
    }
    return name.length() <= 255 ? name : name.substring(0, 255);
  }

  private static String random() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
  }
}
