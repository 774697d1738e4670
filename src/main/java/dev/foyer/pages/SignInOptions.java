package dev.foyer.pages;

import dev.foyer.spaces.entity.Space;
import java.net.URI;
import java.util.List;

/**
 * A door's entries on a space's landing page, for a participant who is not signed in ("Continue
 * with SSO"; one button per identity provider). Implemented by doors, so the page holds no door's
 * URL; it shows every entry, escaped, in the order the doors give them.
 */
public interface SignInOptions {
  List<SignInOption> offered(Space space);

  /**
   * @param cssClass the link's class, for styling and for tests
   * @param label what the button says
   * @param target where it leads: a path of Foyer's
   */
  record SignInOption(String cssClass, String label, URI target) {}
}
