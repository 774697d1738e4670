function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.1f ms  p99 %.1f ms  non-2xx/3xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status))
end
