-- One full JWT SSO sign-in per request, each with its own single-use token pre-signed by the
-- jsonwebtoken package (bench/tokens.txt, written by run.sh). Threads take disjoint slices.
local tokens = {}
thread_id = 0
threads = 0
local index = 0
local space = os.getenv("FOYER_BENCH_SPACE")
local total_threads = tonumber(os.getenv("FOYER_BENCH_THREADS"))

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("FOYER_BENCH_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  -- The warm-up and the measurement take different tokens: each is single use.
  index = tonumber(os.getenv("FOYER_BENCH_OFFSET") or "0") + thread_id
end

function request()
  local token = tokens[(index % #tokens) + 1]
  index = index + total_threads
  return wrk.format("GET", "/spot/" .. space .. "/sso/jwt?ms_token=" .. token)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.1f ms  p99 %.1f ms  non-2xx/3xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status))
end
