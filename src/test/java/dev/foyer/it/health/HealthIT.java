package dev.foyer.it.health;

import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health where README "Deployment" says it is: at {@code /health/ready} of the application's port
 * on Payara, of the management interface on WildFly; both list Foyer's own {@code database} check.
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class HealthIT {

  @Test
  void reportsReadyWhenDeployed(FoyerServer server) {
    var response = server.browser().json().get(server.health("/health/ready").toString());

    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var health = Json.parse(response);
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("checks").findValuesAsText("name"))
        .as(describe(response))
        .contains("database");
  }

  @Test
  void publishesOpenApiDocument(FoyerServer server) {
    var response = server.browser().json().get("/openapi");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("openapi").asText()).startsWith("3.");
  }
}
