// Signs a JWT SSO token with the real jsonwebtoken package, the way seeds 001/003 tell integrators to.
// Input (one JSON object on stdin): { "payload": {...}, "key": "...", "options": { "algorithm": "HS256", ... } }
// "key": "generate-rsa" signs with a fresh RSA key (for RS256 tokens a space must refuse).
const jwt = require("jsonwebtoken");
const crypto = require("crypto");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { payload, key, options } = JSON.parse(input);
  let secret = key;
  if (key === "generate-rsa") {
    secret = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  }
  // jsonwebtoken adds iat unless told not to; the tests decide whether a token has one.
  const opts = Object.assign({ noTimestamp: !("iat" in payload) }, options || {});
  if (opts.algorithm === "none") {
    secret = null;
  }
  process.stdout.write(jwt.sign(payload, secret, opts));
});
