package dev.foyer.doors;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * How doors seal and open their stored secrets: only once the secrets key is confirmed (see {@code
 * secrets.SecretsKeyCheck}); before that, or with a wrong key, the request is refused with {@code
 * KEY1} (503), so a sign-in gets a code and a login record instead of a 500, and nothing is sealed
 * under a key that would leave it unopenable once the right key is back.
 */
@ApplicationScoped
public class DoorSecrets {
  @Inject SecretBox box;

  public String seal(String secret) {
    requireConfirmedKey();
    return box.seal(secret);
  }

  /**
   * The secrets that open, newest first as given; a stored value that does not is skipped (and
   * reported once), so it only fails the signatures made with it.
   *
   * @param what names the owner for the log, e.g. "the signing secret of space acme"
   */
  public List<String> open(String what, List<String> sealed) {
    requireConfirmedKey();
    return box.openEach(what, sealed);
  }

  private void requireConfirmedKey() {
    if (!box.keyConfirmed()) {
      throw new GatewayProblem(
          ProblemType.SECRETS_KEY_WRONG,
          "Foyer cannot use its stored secrets right now (its secrets key is not the one they"
              + " were sealed with); nothing was changed. The operator has been told in the log.");
    }
  }
}
