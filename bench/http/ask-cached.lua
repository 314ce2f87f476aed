-- POST /api/ask with the same question every time: after the first request, answers come from the engine's cache.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"question":"What did Blinken announce?"}'
