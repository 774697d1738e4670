package dev.foyer.uriauth.boundary;

import dev.foyer.doors.Door;
import dev.foyer.doors.DoorEndpoint;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import dev.foyer.uriauth.entity.UriAuthProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Seed 000's doors: {@code /auth/uri} (a link or a form) and the plugin's {@code
 * /auth/programmatic}.
 */
@ApplicationScoped
public class UriAuthDoor implements Door, ProblemCodes {
  /** The door, and the provider alias a URI Auth {@code uid} is linked under (both endpoints). */
  public static final String NAME = "uri-auth";

  public static final String PROGRAMMATIC_LOGON = "programmatic-logon";

  @Inject UriAuthAuthenticator authenticator;

  @Override
  public List<DoorEndpoint> endpoints() {
    return List.of(
        DoorEndpoint.at(
            NAME,
            UriAuthClients.uriAuth(authenticator),
            "/auth/uri",
            Set.of("GET", "POST"),
            DoorEndpoint.FORM),
        DoorEndpoint.at(
                PROGRAMMATIC_LOGON,
                UriAuthClients.programmaticLogon(authenticator),
                "/auth/programmatic",
                Set.of("POST"),
                DoorEndpoint.JSON)
            .withEmbedCors());
  }

  @Override
  public List<? extends ProblemCode> codes() {
    return List.of(UriAuthProblem.values());
  }
}
