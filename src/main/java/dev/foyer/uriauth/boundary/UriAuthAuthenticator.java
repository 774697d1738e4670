package dev.foyer.uriauth.boundary;

import dev.foyer.doors.AssertedProfile;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.entity.Destination;
import dev.foyer.uriauth.control.SignedLinks;
import dev.foyer.uriauth.control.UriAuthRequest;
import dev.foyer.uriauth.control.UriAuthSpaces;
import dev.foyer.uriauth.entity.UriAuthProblem;
import dev.foyer.uriauth.entity.UriAuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Validates a URI Auth request against its space: the space exists, its signature rules hold, and
 * (programmatic logon) the calling page's origin may embed it. Refusals are thrown as problems,
 * which the door's guard renders with their code.
 */
@ApplicationScoped
public class UriAuthAuthenticator {
  @Inject SignedLinks signedLinks;
  @Inject UriAuthSpaces uriAuthSpaces;

  /**
   * @param origin the calling page's origin, for programmatic logon; null for URI Auth
   */
  AssertedProfile authenticate(String door, UriAuthRequest request, String origin) {
    var found =
        uriAuthSpaces
            .bySlug(request.account())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.ACCOUNT_UNKNOWN, "There is no account named like that."));
    var space = found.space();
    if (door.equals(UriAuthDoor.PROGRAMMATIC_LOGON)
        && origin != null
        && !space.allowsOrigin(origin)) {
      throw new GatewayProblem(
          UriAuthProblem.ORIGIN_NOT_ALLOWED,
          "This page's origin is not among the account's allowed embed origins.");
    }
    var settings = found.settings();
    boolean signed = signedLinks.verify(settings, request);
    boolean linkByEmail = settings.map(UriAuthSettings::linksByEmail).orElse(false);
    return new AssertedProfile(
        request.toIdentity(door, UriAuthDoor.NAME, signed, linkByEmail),
        Destination.event(request.eventId()));
  }
}
