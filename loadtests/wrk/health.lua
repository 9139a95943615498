-- wrk script: the liveness probe (GET /health/live), the baseline trivial-run.lua is compared with.
wrk.method = "GET"
