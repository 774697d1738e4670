package dev.foyer.uriauth.control;

import dev.foyer.doors.DoorSecrets;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.singleuse.Replays;
import dev.foyer.uriauth.entity.UriAuthProblem;
import dev.foyer.uriauth.entity.UriAuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Checks a URI Auth request's signature against the space's secrets and uses it up. */
@ApplicationScoped
public class SignedLinks {
  /** How far a link's clock may run ahead of ours. */
  static final Duration FUTURE_SKEW = Duration.ofSeconds(60);

  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");

  @Inject Replays replays;
  @Inject DoorSecrets secrets;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.signed-link.validity", defaultValue = "PT5M")
  Duration validity;

  /**
   * @return whether the request was signed (and the signature is now used up)
   */
  public boolean verify(Optional<UriAuthSettings> settings, UriAuthRequest request) {
    if (request.signature().isEmpty()) {
      // A space without settings (rows removed by hand) fails closed: it accepts no unsigned link.
      if (settings.map(UriAuthSettings::signedLinksRequired).orElse(true)) {
        throw new GatewayProblem(
            UriAuthProblem.SIGNATURE_MISSING,
            "This account only accepts signed links: the link needs ts and sig parameters.");
      }
      return false;
    }
    var signature = request.signature().get();
    var timestamp =
        request
            .timestamp()
            .filter(ts -> TIMESTAMP.matcher(ts).matches())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        UriAuthProblem.SIGNATURE_INVALID,
                        "A signed link needs a ts parameter in Unix seconds."));
    var now = clock.instant();
    if (!HEX_SIGNATURE.matcher(signature).matches()
        || secrets(settings, request.account(), now).stream()
            .noneMatch(secret -> LinkSignature.matches(secret, request.parameters(), signature))) {
      throw new GatewayProblem(
          UriAuthProblem.SIGNATURE_INVALID, "The link's signature does not match its parameters.");
    }
    var signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (signedAt.isAfter(now.plus(FUTURE_SKEW)) || signedAt.plus(validity).isBefore(now)) {
      throw new GatewayProblem(
          UriAuthProblem.SIGNATURE_EXPIRED,
          "The link was signed at a time outside its validity of "
              + validity.toSeconds()
              + " seconds; ask for a fresh one.");
    }
    if (!replays.claim(
        "link", signature.toLowerCase(Locale.ROOT), signedAt.plus(validity).plus(FUTURE_SKEW))) {
      throw new GatewayProblem(
          UriAuthProblem.SIGNATURE_REPLAYED,
          "This signed link was already used; each link signs in once.");
    }
    return true;
  }

  private List<String> secrets(Optional<UriAuthSettings> settings, String slug, Instant now) {
    return secrets.open(
        "the signing secret of space " + slug,
        settings.map(found -> found.signingSecret().sealedKeys(now)).orElse(List.of()));
  }
}
