-- POST /api/ask with a question no request has asked before, so every answer is computed afresh (cache miss).
-- Each question ends with a unique run of "-" and "," (thread id and counter in binary): it changes the cache key
-- but not the words, so every request is a real, answered question rather than a cheap "nothing found".
local questions = {
  "What did Blinken announce?",
  "How much did trade between Kazakhstan and the US grow?",
  "What did Tokayev say about investment?",
  "Which US companies invest in Kazakhstan?",
  "What did the US say about sanctions?",
}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
end

local function marks(n)
  local text = ""
  repeat
    text = text .. ((n % 2 == 0) and "-" or ",")
    n = math.floor(n / 2)
  until n == 0
  return text
end

function request()
  counter = counter + 1
  local question = questions[(counter % #questions) + 1] .. " " .. marks(id * 100000000 + counter)
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, '{"question":"' .. question .. '"}')
end
