/*
 * Foyer plugin: signs a participant in from an embedding page without navigating away.
 *
 *   <script src="https://foyer.example.com/foyer-plugin.js"></script>
 *   <script>
 *     Foyer.programmaticLogon({ account: "acme", givenName: "Sue", familyName: "Doe", uid: "crm-42" })
 *       .then(function (signedIn) { console.log("Hello, " + signedIn.member.nickname); });
 *   </script>
 *
 * The embedding page's origin must be one of the account's allowed embed origins.
 */
(function (global) {
  "use strict";
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : "";
  var session = null;

  function problem(response) {
    return response.json().then(function (body) {
      var error = new Error(body.detail || body.title || "Sign-in refused");
      error.code = body.code;
      error.status = response.status;
      throw error;
    }, function () {
      var error = new Error("Sign-in refused (HTTP " + response.status + ")");
      error.status = response.status;
      throw error;
    });
  }

  global.Foyer = {
    /** user: { account, givenName, familyName?, email?, uid?, eventid?, ts?, sig? } */
    programmaticLogon: function (user) {
      return fetch(base + "/auth/programmatic", {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(user)
      }).then(function (response) {
        if (!response.ok) { return problem(response); }
        return response.json().then(function (signedIn) {
          session = signedIn.session.token;
          return signedIn;
        });
      });
    },
    /** The signed-in member, using the session the last programmaticLogon returned. */
    me: function (account) {
      var headers = session ? { "X-Foyer-Session": session } : {};
      return fetch(base + "/api/me" + (account ? "?account=" + encodeURIComponent(account) : ""), {
        credentials: "include",
        headers: headers
      }).then(function (response) { return response.ok ? response.json() : problem(response); });
    },
    /** The session token for the chat frame of the embedding page. */
    sessionToken: function () { return session; }
  };
})(window);
