-- POST /api/ask with a question no request has asked before (thread id + counter), so every answer is computed afresh.
local questions = {
  "What did Blinken announce about partnership %s?",
  "How much did trade between Kazakhstan and the US grow %s?",
  "What did Tokayev say about investment %s?",
  "Which companies invest in Kazakhstan %s?",
}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local template = questions[(counter % #questions) + 1]
  local body = '{"question":"' .. string.format(template, "case " .. id .. "x" .. counter) .. '"}'
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, body)
end
