package dev.foyer.problems;

import jakarta.servlet.http.HttpServletRequest;

/** Fired for every refusal rendered to a caller, so the sign-in audit can record door attempts. */
public record Refused(GatewayProblem problem, HttpServletRequest request) {}
