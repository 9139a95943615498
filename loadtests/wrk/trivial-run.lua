-- wrk script: one trivial blocking run per request (POST /v1/runs, {"source":"1 + 1"}).
-- Used by loadtests/wrk/run.sh; any answer other than 200 shows as "Non-2xx" in wrk's summary.
wrk.method = "POST"
wrk.body = '{"source":"1 + 1"}'
wrk.headers["Content-Type"] = "application/json"
