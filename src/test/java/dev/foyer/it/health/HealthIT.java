package dev.foyer.it.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FoyerServer.class)
class HealthIT {

  @Test
  void reportsReadyWhenDeployed(FoyerServer server) {
    var response = server.browser().json().get("/health/ready");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void publishesOpenApiDocument(FoyerServer server) {
    var response = server.browser().json().get("/openapi");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.parse(response).path("openapi").asText()).startsWith("3.");
  }
}
