-- One full URI Auth sign-in per request: 20,000 distinct uids per thread, so the run mixes first
-- sign-ins (member created) with returning ones (member found), each with a session and a login record.
local counter = 0
thread_id = 0
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function request()
  counter = counter + 1
  local uid = "t" .. thread_id .. "-" .. (counter % 20000)
  return wrk.format("GET", "/auth/uri?account=bench&givenName=Sue&familyName=Doe&eventid=bench-chat&uid=" .. uid)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.1f ms  p99 %.1f ms  non-2xx/3xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status))
end
