package dev.foyer.federation.boundary;

import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.signin.control.FlowStates;
import dev.foyer.signin.entity.FlowState;
import java.util.Set;

/** Taking a flow of this door for the request that finishes it: found, of the right kind, once. */
final class FederationFlows {
  private FederationFlows() {}

  /**
   * The open flow the id names, ended now so that no other request can use it.
   *
   * @param doors the kinds of flow this address finishes; another kind is as good as none
   * @param unknown what the person is told when there is none ({@code FLOW1})
   * @throws GatewayProblem {@code FLOW1} when there is no such open flow, {@code FLOW2} when
   *     another request ended it first
   */
  static FlowState take(FlowStates flows, String id, Set<String> doors, String unknown) {
    var flow =
        flows
            .open(id)
            .filter(open -> doors.contains(open.door()))
            .orElseThrow(() -> new GatewayProblem(FederationProblem.FLOW_UNKNOWN, unknown));
    if (!flows.finish(flow)) {
      throw new GatewayProblem(
          FederationProblem.FLOW_FINISHED, "This sign-in was already finished by another request.");
    }
    return flow;
  }
}
